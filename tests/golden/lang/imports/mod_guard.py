print("mod_guard: __name__ is", __name__)
if __name__ == "__main__":
    print("mod_guard: run as a script")
else:
    print("mod_guard: imported")
