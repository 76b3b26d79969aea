# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
import sys
x = [1, 2]
y = x
facts = dict(line.split(": ", 1) for line in refpy.explain(x).splitlines())
print(facts["refcount"])
print(sys.getrefcount(x) - 1)
print(facts["refcount"].split()[0] == str(sys.getrefcount(x) - 1))
print(facts["id"] == str(id(x)))
