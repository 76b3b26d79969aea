# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
r = refpy.why(10, 10)
print(isinstance(r, str), type(r).__name__)
print(repr(r) == str(r))
print(r.splitlines()[0].startswith("same object: "))
