# OSError(errno, strerror[, filename]) becomes the subclass for the errno.
e = OSError(2, "No such file or directory")
print(type(e).__name__, e, e.args, e.errno, e.strerror, e.filename)
e = OSError(2, "No such file or directory", "data.csv")
print(type(e).__name__, e, e.args, repr(e))
e = OSError(1, "Operation not permitted", "a", None, "b")
print(type(e).__name__, e, e.filename, e.filename2)
for code in [1, 2, 4, 11, 13, 17, 20, 21, 32, 104, 110, 111, 999]:
    print(code, type(OSError(code, "msg")).__name__)
print(type(FileNotFoundError(13, "x")).__name__)
print(type(OSError("2", "x")).__name__, OSError("2", "x"))
e = OSError("just a message")
print(e, e.args, e.errno, e.strerror)
e = OSError(2, "x", None)
print(e, e.args)
e = OSError(1, 2, 3, 4, 5, 6)
print(type(e).__name__, e, e.errno)
print(IOError is OSError, EnvironmentError is OSError)
e = FileNotFoundError(2, "gone", "old.txt")
e.filename = "new.txt"
print(e)
class MissingConfig(FileNotFoundError):
    def __init__(self, path):
        super().__init__(2, "config file missing", path)
        self.path = path
try:
    raise MissingConfig("app.ini")
except OSError as e:
    print(type(e).__name__, e, e.args, e.errno, e.filename, e.path)
