# dict(...), keyword-argument dicts and copies: tracked when they hold
# something that may be tracked; a whole-table copy of a tracked dict is
# tracked even when its values are all atomic now.
import gc
print(gc.is_tracked(dict(a=1)), gc.is_tracked(dict(a=[])))
print(gc.is_tracked(dict([("a", 1)])), gc.is_tracked(dict([(1, [])])))
def kw(**k):
    return k
print(gc.is_tracked(kw(a=1)), gc.is_tracked(kw(a=[])))
d = {"a": []}
d["a"] = 1
print(gc.is_tracked(d), gc.is_tracked(dict(d)), gc.is_tracked(d.copy()), gc.is_tracked({**d}))
e = {}
e.update(d)
print(gc.is_tracked(e))
d = {"a": [], "b": 1, "c": 2}
d["a"] = 1
del d["b"]
print(gc.is_tracked(dict(d)), gc.is_tracked(d.copy()))
d = {"a": []}
del d["a"]
print(gc.is_tracked(dict(d)), gc.is_tracked(d.copy()))
