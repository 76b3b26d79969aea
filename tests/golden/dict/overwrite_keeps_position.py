d = {"a": 1, "b": 2, "c": 3}
d["a"] = 100
print(d)
d["b"] = d["b"] + 1
print(d)
print(len(d))
print({"x": 1, "x": 2})
