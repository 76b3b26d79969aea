d = {}
d[1] = "int"
d["1"] = "str"
print(d)
print(d[1], d["1"])
print(len(d))
