import weakref
class K:
    def __init__(self, n):
        self.n = n
d = weakref.WeakKeyDictionary()
k1, k2 = K(1), K(2)
d[k1] = "one"
d[k2] = "two"
print(len(d), k1 in d, d[k2], d.get(k1))
print(sorted(v for v in d.values()))
print(sorted(k.n for k in d))
print(sorted((k.n, v) for k, v in d.items()))
del k1
print(len(d), sorted(k.n for k in d.keys()))
d[k2] = "TWO"
print(d[k2], len(d))
del d[k2]
print(len(d), k2 in d)
print(1 in d)
