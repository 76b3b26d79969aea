# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
print(refpy.why((), tuple([])))
print(refpy.why('', str()))
print(refpy.why(b'', bytes()))
print(refpy.why(..., Ellipsis))
print(refpy.why(NotImplemented, NotImplemented))
