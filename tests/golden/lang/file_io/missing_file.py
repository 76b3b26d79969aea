# Opening a file that does not exist raises FileNotFoundError with errno 2.
try:
    open("no_such_file.txt")
except FileNotFoundError as e:
    print(type(e).__name__, isinstance(e, OSError), isinstance(e, IOError))
    print(e)
    print(repr(e))
    print(e.errno, repr(e.strerror), repr(e.filename), e.filename2, e.args)
try:
    open("no_such_dir/file.txt", "w")
except OSError as e:
    print(type(e).__name__, e)
try:
    with open("no_such_file.txt") as f:
        print("not reached")
except IOError as e:
    print("IOError catches it:", e.strerror)
