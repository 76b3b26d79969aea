d = {"a": 1, "b": 2, 1: "x"}
del d["a"]
del d[1]
print(d)
