# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
print(refpy.why(-5, int("-5")))
print(refpy.why(256, int("256")))
print(refpy.why(257, int("257")))
print(refpy.why(-6, int("-6")))
