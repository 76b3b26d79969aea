# refpy-only: CPython has no `refpy` module. refpy.draw(obj, path) writes the objects
# reachable from obj, with their refcounts, as DOT (*.dot) or SVG (docs/EXPLAIN.md,
# "Drawing the object graph"); expectations are written by hand.
# Argument errors in Argument Clinic's words.
import refpy
calls = [
    lambda: refpy.draw([]),
    lambda: refpy.draw([], "a.dot", 3),
    lambda: refpy.draw([], 5),
    lambda: refpy.draw([], "a.dot", depth=2),
    lambda: refpy.draw([], "a.dot", max_depth=-1),
    lambda: refpy.draw([], "a.dot", max_nodes=0),
    lambda: refpy.draw([], "a.dot", max_depth="3"),
]
for call in calls:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
