# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
class Point:
    pass
p = Point()
q = p
print(refpy.why(p, q))
print(refpy.why(p, Point()))
