# 'a' adds to the end of a file; 'a+' can also read.
import os

path = "append_mode.tmp"
try:
    with open(path, "w") as f:
        f.write("one\n")
    with open(path, "a") as f:
        print(f.tell())
        f.write("two\n")
        f.write("three\n")
        print(f.tell())
    with open(path, "a") as f:
        f.writelines(["four\n", "five\n"])
    print(open(path).read(), end="")
    with open(path, "a+") as f:
        print(f.tell())
        f.seek(0)
        print(repr(f.readline()))
        f.write("six\n")
    print(open(path).readlines())
finally:
    os.remove(path)
