# refpy-only: CPython has no `refpy` module. refpy.draw(obj, path) writes the objects
# reachable from obj, with their refcounts, as DOT (*.dot) or SVG (docs/EXPLAIN.md,
# "Drawing the object graph"); expectations are written by hand.
# max_depth (default 3, as objgraph) and max_nodes bound the walk; the referents
# left out are counted in a "… N more" box.
from mod_dot import show
deep = [[[[["bottom"]]]]]
show(deep, "draw_limits_depth")
show(deep, "draw_limits_depth1", max_depth=1)
wide = list(range(1000, 1010))
show(wide, "draw_limits_nodes", max_nodes=4)
