# refpy-only: CPython has no `refpy` module. refpy.draw(obj, path) writes the objects
# reachable from obj, with their refcounts, as DOT (*.dot) or SVG (docs/EXPLAIN.md,
# "Drawing the object graph"); expectations are written by hand.
# Quotes, backslashes and newlines in reprs are escaped in the DOT text; long
# reprs are cut to 32 characters.
from mod_dot import show
s = 'say "hi"\\n<&>\n' + "x" * 40
show([s], "draw_labels_are_escaped")
