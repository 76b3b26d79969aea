# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
for args in [(), (1,), (1, 2, 3)]:
    try:
        refpy.why(*args)
    except TypeError as e:
        print(e)
try:
    refpy.why(1, b=2)
except TypeError as e:
    print(e)
