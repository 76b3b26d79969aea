# refpy-only: with tracemalloc on, refpy.why and refpy.explain name the line
# that allocated the object (file name only here, as the directory varies).
import tracemalloc
import refpy

tracemalloc.start()
a = [1, 2]
b = a
lines = refpy.why(a, b).splitlines()
print(lines[0])
print(lines[1].rsplit("/", 1)[-1])
site = [l for l in refpy.explain(a).splitlines() if l.startswith("allocated at:")]
print(site[0].rsplit("/", 1)[-1])
tracemalloc.stop()
print(len(refpy.why(a, b).splitlines()))
