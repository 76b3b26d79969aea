# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
for args in [(), (1, 2)]:
    try:
        refpy.explain(*args)
    except TypeError as e:
        print(e)
