l = list(range(10))
del l[0]
del l[-1]
del l[1:3]
del l[::2]
print(l)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
try:
    del d["zz"]
except KeyError as e:
    print(repr(e))
a, b = [1, 2, 3], [4, 5]
del a[0], b[1]
print(a, b)
