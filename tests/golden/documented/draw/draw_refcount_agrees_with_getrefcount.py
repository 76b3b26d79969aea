# refpy-only: CPython has no `refpy` module. refpy.draw(obj, path) writes the objects
# reachable from obj, with their refcounts, as DOT (*.dot) or SVG (docs/EXPLAIN.md,
# "Drawing the object graph"); expectations are written by hand.
# A node's refcount is sys.getrefcount(x) - 1 outside the call: the references the
# call and its walk hold are not counted, and no count changes.
import os
import sys
import refpy
inner = [1000]
outer = [inner, inner]
before = (sys.getrefcount(inner), sys.getrefcount(outer))
refpy.draw(outer, "draw_refcount_agrees.tmp.dot")
after = (sys.getrefcount(inner), sys.getrefcount(outer))
with open("draw_refcount_agrees.tmp.dot") as f:
    lines = f.read().splitlines()
os.remove("draw_refcount_agrees.tmp.dot")
print(before == after)
print([l for l in lines if "refcount" in l])
print("refcount", sys.getrefcount(outer) - 1, "refcount", sys.getrefcount(inner) - 1)
# An object passed twice (in the graph and as a keyword value) is counted once.
big = 1000 + len(lines)
holder = [big]
refpy.draw(holder, "draw_refcount_agrees.tmp.dot", max_nodes=big)
with open("draw_refcount_agrees.tmp.dot") as f:
    print([l for l in f.read().splitlines() if "n1 [" in l])
os.remove("draw_refcount_agrees.tmp.dot")
print("refcount", sys.getrefcount(big) - 1)
