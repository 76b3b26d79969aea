# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
a = 1.5
b = 1.5
print(refpy.why(a, b))
