import gc
gc.collect()
d = {}
d["self"] = d
del d
print(gc.collect())
d = {"k": []}
d["k"].append(d)
del d
print(gc.collect())
