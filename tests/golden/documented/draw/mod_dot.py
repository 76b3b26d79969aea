# refpy-only helper of the draw cases (not a case): draws to a file, prints the DOT
# text, and removes the file. The counts of shared objects (small ints, interned
# strings, singletons) depend on the whole interpreter, so they print as "N".
import os
import refpy

def show(obj, name, max_depth=3, max_nodes=100):
    path = name + ".tmp.dot"
    refpy.draw(obj, path, max_depth=max_depth, max_nodes=max_nodes)
    with open(path) as f:
        text = f.read()
    os.remove(path)
    for line in text.splitlines():
        if "(shared)" in line:
            head, rest = line.split("refcount ", 1)
            line = head + "refcount N" + rest[rest.index("\\n"):]
        print(line)
