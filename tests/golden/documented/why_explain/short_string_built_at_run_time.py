# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
a = "".join(["hello", " ", "world"])
b = "hello world"
print(a == b, a is b)
print(refpy.why(a, b))
