# A file object freed without close() still writes its data, as in CPython.
import os

path = "freed_file_is_flushed.tmp"
try:
    open(path, "w").write("written by a temporary\n")
    print(repr(open(path).read()))
    f = open(path, "a")
    f.write("pending")
    print(repr(open(path).read()))
    del f
    print(repr(open(path).read()))
    def log(msg):
        out = open(path, "a")
        print(msg, file=out)
    log("from a function")
    print(open(path).readlines())
finally:
    os.remove(path)
