# Mode 'x' creates a new file and fails with FileExistsError if it exists.
import os

path = "exclusive_create.tmp"
try:
    with open(path, "x") as f:
        print(repr(f))
        f.write("new")
    try:
        open(path, "x")
    except FileExistsError as e:
        print(type(e).__name__, e, e.errno, e.filename)
    print(open(path).read())
    try:
        open(".")
    except IsADirectoryError as e:
        print(type(e).__name__, e)
    try:
        open(path + "/inner.txt")
    except NotADirectoryError as e:
        print(type(e).__name__, e)
finally:
    os.remove(path)
