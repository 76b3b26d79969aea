# refpy-only: CPython has no `refpy` module. refpy.draw(obj, path) writes the objects
# reachable from obj, with their refcounts, as DOT (*.dot) or SVG (docs/EXPLAIN.md,
# "Drawing the object graph"); expectations are written by hand.
# A dict's keys and values are both referents: the key edge says "key", the value
# edge shows the key.
from mod_dot import show
d = {"name": [1.5], (1, 2): None}
show(d, "draw_dict_keys_and_values")
