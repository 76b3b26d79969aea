def early(flag):
    if flag:
        return
    print("not early")
print(early(True))
print(early(False))
def no_return():
    x = 1
print(no_return())
