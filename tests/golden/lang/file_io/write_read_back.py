# Write a text file, then read it back.
import os

path = "write_read_back.tmp"
try:
    f = open(path, "w")
    print(repr(f))
    print(f.name, f.mode, f.encoding, f.closed)
    print(f.write("first line\n"))
    print(f.write("second line, café\n"))
    f.close()
    print(f.closed)
    f = open(path)
    print(repr(f))
    text = f.read()
    f.close()
    print(repr(text))
    print(len(text), text.count("\n"))
    with open(path, "rt", encoding="utf-8") as g:
        print(repr(g), g.read() == text)
finally:
    os.remove(path)
print(os.path.exists(path))
