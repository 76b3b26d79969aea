import weakref
class V:
    def __init__(self, n):
        self.n = n
d = weakref.WeakValueDictionary()
a, b, c = V(1), V(2), V(3)
d["a"] = a
d["b"] = b
d["c"] = c
print(len(d), "a" in d, d["b"].n)
print(sorted(d.keys()))
print(sorted((k, v.n) for k, v in d.items()))
del b
print(len(d), "b" in d, d.get("b"), d.get("b", "gone"))
try:
    d["b"]
except KeyError as e:
    print("KeyError", e)
del d["a"]
print(sorted(d))
c = None
print(len(d), list(d))
