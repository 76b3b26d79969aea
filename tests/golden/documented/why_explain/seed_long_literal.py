# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
a = "a very very very long string that might not be interned"
b = "a very very very long string that might not be interned"
print(refpy.why(a, b))
