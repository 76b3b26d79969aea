# read(), read(n), readline(), readline(n), readlines(), readlines(hint), tell() and seek().
import os

path = "read_methods.tmp"
with open(path, "w") as f:
    f.write("alpha\nbeta\ngamma\ndelta\n")
try:
    with open(path) as f:
        print(repr(f.read(3)), f.tell())
        print(repr(f.readline()), f.tell())
        print(repr(f.readline(2)), repr(f.readline()))
        print(f.readlines())
        print(repr(f.read()), repr(f.readline()), f.readlines())
        print(f.seek(0), repr(f.read(None)))
        f.seek(0)
        print(f.readlines(7))
        f.seek(0)
        print(repr(f.read(-1)))
        print(f.seek(0, 2), f.tell())
        print(f.readable(), f.writable(), f.seekable())
finally:
    os.remove(path)
