# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
def show(x, *labels):
    facts = dict(line.split(": ", 1) for line in refpy.explain(x).splitlines())
    for label in labels:
        print(label + ":", facts[label])
for x in [None, 1.5, 2 ** 70, "ab", (1,), []]:
    show(x, "type", "getsizeof", "block")
