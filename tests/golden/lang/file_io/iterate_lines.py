# A file is an iterator over its lines.
import os

path = "iterate_lines.tmp"
with open(path, "w") as f:
    f.write("3 apples\n5 pears\n\n7 plums")
try:
    with open(path) as f:
        print(iter(f) is f)
        for number, line in enumerate(f, 1):
            print(number, repr(line), line.split())
    with open(path) as f:
        print(next(f), end="")
        print(list(f))
        try:
            next(f)
        except StopIteration:
            print("StopIteration")
    total = 0
    for line in open(path):
        if line.strip():
            total += int(line.split()[0])
    print(total)
    print([line.rstrip("\n") for line in open(path)])
finally:
    os.remove(path)
