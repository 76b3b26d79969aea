# Using a closed file raises ValueError; closing twice is fine.
import os

path = "closed_file_errors.tmp"
with open(path, "w") as f:
    f.write("text\n")
try:
    f = open(path)
    f.close()
    f.close()
    print(f.closed, repr(f))
    for call in [f.read, f.readline, f.readlines, f.tell, f.flush, lambda: f.write("x"),
                 lambda: f.seek(0), lambda: next(f), lambda: iter(f), f.fileno, f.readable]:
        try:
            call()
        except ValueError as e:
            print("ValueError:", e)
    for line in open(path):
        print(repr(line))
    try:
        for line in f:
            pass
    except ValueError as e:
        print("ValueError:", e)
finally:
    os.remove(path)
