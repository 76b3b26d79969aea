# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
import sys
a = sys.intern("a long string with spaces, more than twenty")
b = sys.intern("a long string with spaces, more than twenty")
print(refpy.why(a, b))
