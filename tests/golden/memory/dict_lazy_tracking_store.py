# Storing a container into an untracked dict tracks it; removing it again
# does not untrack the dict; only a full collection does.
import gc
d = {}
d["x"] = 1
print(gc.is_tracked(d))
d["y"] = []
print(gc.is_tracked(d))
del d["y"]
print(gc.is_tracked(d))
d.setdefault("z", 2)
gc.collect(1)
print(gc.is_tracked(d))
gc.collect()
print(gc.is_tracked(d))
d.update({"w": [1]})
print(gc.is_tracked(d))
e = {}
e.setdefault("k", [])
print(gc.is_tracked(e))
f = {"a": 1}
f.clear()
f["b"] = {}
print(gc.is_tracked(f))
