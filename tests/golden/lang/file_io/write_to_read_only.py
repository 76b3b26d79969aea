# A file opened for reading cannot be written (and one opened for writing cannot be read):
# io.UnsupportedOperation, an OSError and a ValueError.
import io
import os

path = "write_to_read_only.tmp"
with open(path, "w") as f:
    f.write("hello\n")
    try:
        f.read()
    except io.UnsupportedOperation as e:
        print(type(e).__name__, e)
try:
    with open(path) as f:
        for attempt in [lambda: f.write("x"), lambda: f.writelines(["x"]), lambda: f.truncate(0)]:
            try:
                attempt()
            except OSError as e:
                print(type(e).__module__, type(e).__name__, e, isinstance(e, ValueError))
        print(f.read(), end="")
    with open(path, "rb") as f:
        try:
            f.write(b"x")
        except ValueError as e:
            print(type(e).__name__, e)
finally:
    os.remove(path)
