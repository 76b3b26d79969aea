# refpy-only: CPython has no `refpy` module. refpy.draw(obj, path) writes the objects
# reachable from obj, with their refcounts, as DOT (*.dot) or SVG (docs/EXPLAIN.md,
# "Drawing the object graph"); expectations are written by hand.
# Two names and two list slots reach one inner list: one node, three arrows in.
from mod_dot import show
row = [300, 301]
grid = [row, row]
show(grid, "draw_aliased_list")
