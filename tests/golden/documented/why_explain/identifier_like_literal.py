# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
a = "spam_eggs_and_a_very_long_identifier_like_name"
b = "spam_eggs_and_a_very_long_identifier_like_name"
print(refpy.why(a, b))
print(refpy.why("x", "x"))
