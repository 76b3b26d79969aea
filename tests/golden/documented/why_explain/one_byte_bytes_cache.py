# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
print(refpy.why(b"a", bytes([97])))
print(refpy.why(b"ab", bytes([97, 98])))
