# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
import gc
def show(x, *labels):
    facts = dict(line.split(": ", 1) for line in refpy.explain(x).splitlines())
    for label in labels:
        print(label + ":", facts[label])
x = [1, 2, 3]
show(x, "type", "getsizeof", "block", "gc", "referents")
gc.collect()
show(x, "gc")
gc.freeze()
show(x, "gc")
gc.unfreeze()
show(x, "gc")
