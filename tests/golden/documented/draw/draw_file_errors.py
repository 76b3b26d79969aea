# refpy-only: CPython has no `refpy` module. refpy.draw(obj, path) writes the objects
# reachable from obj, with their refcounts, as DOT (*.dot) or SVG (docs/EXPLAIN.md,
# "Drawing the object graph"); expectations are written by hand.
# The file is written as open(path, "w") would: the same OSError subclasses and text.
import refpy
for path in ["no/such/dir/x.svg", ".", "nul\0.dot"]:
    try:
        refpy.draw([], path)
    except (OSError, ValueError) as e:
        print(type(e).__name__, e)
