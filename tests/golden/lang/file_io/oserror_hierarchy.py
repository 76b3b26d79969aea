# CPython 3.11's OSError subclasses and where they sit.
import io

names = [
    "BlockingIOError", "ChildProcessError", "ConnectionError", "BrokenPipeError",
    "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError",
    "FileExistsError", "FileNotFoundError", "InterruptedError", "IsADirectoryError",
    "NotADirectoryError", "PermissionError", "ProcessLookupError", "TimeoutError",
]
for name in names:
    cls = eval(name)
    print(name, cls.__bases__[0].__name__, issubclass(cls, OSError), issubclass(cls, Exception))
print(BrokenPipeError.__mro__)
print(issubclass(ConnectionResetError, ConnectionError), issubclass(FileNotFoundError, ConnectionError))
print(io.UnsupportedOperation, io.UnsupportedOperation.__bases__)
print(io.UnsupportedOperation.__mro__)
print(issubclass(io.UnsupportedOperation, OSError), issubclass(io.UnsupportedOperation, ValueError))
try:
    UnsupportedOperation
except NameError as e:
    print("NameError:", e)
try:
    raise PermissionError(13, "Permission denied", "/root/secret")
except OSError as e:
    print(type(e).__name__, e)
