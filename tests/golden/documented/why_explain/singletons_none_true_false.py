# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
print(refpy.why(None, None))
print(refpy.why(True, 1 < 2))
print(refpy.why(False, not True))
