# `__name__` is the module's name inside an imported module and "__main__" in the script.
import mod_guard

print("script: __name__ is", __name__)
if __name__ == "__main__":
    print("script: guard ran")
print(mod_guard.__name__)
