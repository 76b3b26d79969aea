# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
s = "caf\u00e9"
print(refpy.why(s[3], chr(233)))
print(refpy.why(s[3:], chr(0xe9)))
