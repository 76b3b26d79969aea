# refpy-only: CPython has no `refpy` module. refpy.draw(obj, path) writes the objects
# reachable from obj, with their refcounts, as DOT (*.dot) or SVG (docs/EXPLAIN.md,
# "Drawing the object graph"); expectations are written by hand.
# Small ints are cached: both 7s are one object, drawn once (yellow, "small int");
# 1000 made at run time twice is two objects.
from mod_dot import show
n = 999
pair = [7, 7, n + 1, n + 1]
show(pair, "draw_shared_small_int")
