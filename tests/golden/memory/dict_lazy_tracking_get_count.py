# An untracked dict still counts as a GC allocation, like a list, and a
# collection finds cycles through dicts that became tracked.
import gc
gc.disable()
gc.collect()
c0 = gc.get_count()[0]
d = {}
c1 = gc.get_count()[0]
l = [1]
c2 = gc.get_count()[0]
a = {}
b = {"a": a}
a["b"] = b
tracked = gc.is_tracked(a), gc.is_tracked(b), gc.is_tracked(d)
del a, b
print(c1 - c0, c2 - c1, tracked)
print(gc.collect())
gc.enable()
