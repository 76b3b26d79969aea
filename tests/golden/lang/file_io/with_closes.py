# `with open(...) as f:` closes the file on the way out, even when the block raises.
import os

path = "with_closes.tmp"
try:
    with open(path, "w") as f:
        print(f.closed)
        f.write("data")
    print(f.closed)
    with open(path) as f:
        print(f.__enter__() is f)
    try:
        with open(path) as f:
            print(f.read())
            raise KeyError("inside")
    except KeyError as e:
        print("caught", repr(e), f.closed)
    try:
        f.read()
    except ValueError as e:
        print("ValueError:", e)
    g = open(path)
    print(g.__exit__(None, None, None), g.closed)
    try:
        with g:
            pass
    except ValueError as e:
        print("ValueError:", e)
finally:
    os.remove(path)
