# refpy-only: CPython has no `refpy` module. refpy.draw(obj, path) writes the objects
# reachable from obj, with their refcounts, as DOT (*.dot) or SVG (docs/EXPLAIN.md,
# "Drawing the object graph"); expectations are written by hand.
# A function is drawn with its closure variables by name, a bound method with
# __self__ and __func__; an instance's class, a function's globals and code are not
# followed.
from mod_dot import show
def make_counter():
    counts = [1000]
    def bump():
        counts[0] += 1
        return counts[0]
    return bump
bump = make_counter()
show(bump, "draw_function_closure")
class Box:
    def get(self):
        return self
box = Box()
box.items = ["a long string, not interned"]
show(box.get, "draw_bound_method", max_depth=2)
