# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
print(refpy.why(1, 2))
print(refpy.why("spam", "eggs"))
print(refpy.why([1], [2]))
