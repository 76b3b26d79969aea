d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
d["b"] = 20
print(d)
del d["a"]
del d["c"]
print(d)
print(len(d))
