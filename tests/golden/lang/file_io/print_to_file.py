# print(..., file=f) writes str() of its arguments; writelines adds no newlines.
import os

path = "print_to_file.tmp"
try:
    with open(path, "w") as f:
        print(1, 2.5, -3, True, None, [1, 2], file=f)
        print("a", "b", "c", sep="-", end="!\n", file=f)
        for i in range(3):
            print(i, i * i, sep=",", file=f)
        f.writelines(["x", "y", "\n"])
        f.writelines(str(n) + "\n" for n in (10, 20))
    print(open(path).read(), end="")
finally:
    os.remove(path)
