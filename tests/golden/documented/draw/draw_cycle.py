# refpy-only: CPython has no `refpy` module. refpy.draw(obj, path) writes the objects
# reachable from obj, with their refcounts, as DOT (*.dot) or SVG (docs/EXPLAIN.md,
# "Drawing the object graph"); expectations are written by hand.
# Two instances referring to each other: the walk stops at the node it has seen.
from mod_dot import show
class Node:
    pass
a = Node()
b = Node()
a.partner = b
b.partner = a
show(a, "draw_cycle")
