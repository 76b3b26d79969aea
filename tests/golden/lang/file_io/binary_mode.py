# 'b' modes read and write bytes.
import os

path = "binary_mode.tmp"
try:
    with open(path, "wb") as f:
        print(repr(f), f.mode)
        print(f.write(b"\x00\x01binary\r\nline\n"))
        print(f.write(bytes(range(250, 256))))
        try:
            f.write("text")
        except TypeError as e:
            print("TypeError:", e)
    with open(path, "rb") as f:
        print(repr(f), f.mode)
        print(f.read(2), f.tell())
        print(f.readline())
        print(list(f))
        print(f.seek(-3, 2), f.read(), f.read())
        f.seek(2)
        print(f.read(6).decode())
    with open(path, "r+b") as f:
        print(repr(f), f.mode)
        f.seek(2)
        f.write(b"BINARY")
    print(open(path, "rb").read())
    print(len(open(path, "rb").read()), os.path.getsize(path))
finally:
    os.remove(path)
