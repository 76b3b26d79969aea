# refpy-only: CPython has no `refpy` module. refpy.why / refpy.explain tell why values
# are one object and one object's memory story (docs/EXPLAIN.md); expectations are
# written by hand.
import refpy
import sys
def show(x, *labels):
    facts = dict(line.split(": ", 1) for line in refpy.explain(x).splitlines())
    for label in labels:
        print(label + ":", facts[label])
show(None, "identity")
show(chr(233), "identity")
show(b"z", "identity")
show("spam", "identity")
show("hello world", "identity")
show(sys.intern("a long string with spaces, more than twenty"), "identity")
show("a string literal that is longer than twenty characters", "identity")
show(1000, "identity")
show([], "identity")
