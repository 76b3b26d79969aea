# Reading translates '\r\n' and '\r' to '\n' by default; newline='' keeps them.
import os

path = "universal_newlines.tmp"
try:
    with open(path, "w", newline="") as f:
        f.write("dos\r\nmac\runix\nend")
    print(repr(open(path).read()))
    print(open(path).readlines())
    print(open(path, newline="").readlines())
    print(open(path, newline="\r\n").readlines())
    print(open(path, "rb").read())
    with open(path, "w", newline="\r\n") as f:
        f.write("a\nb\n")
    print(open(path, "rb").read(), repr(open(path).read()))
    with open(path, "w") as f:
        f.write("x\ny\n")
    print(open(path, "rb").read())
finally:
    os.remove(path)
