# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
s = "xa"
print(refpy.why(s[1], chr(97)))
print(refpy.why(chr(97), "a"))
