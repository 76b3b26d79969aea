# The | operators of defaultdict and OrderedDict keep their own type.
from collections import defaultdict, OrderedDict

dd = defaultdict(list, a=[1])
merged = dd | {"b": [2]}
print(type(merged).__name__, merged, merged.default_factory)
rmerged = {"z": [0]} | dd
print(type(rmerged).__name__, rmerged)
dd |= {"c": [3]}
print(dd)
od = OrderedDict(x=1, y=2)
print(od | {"x": 10, "w": 0})
print({"w": 0} | od)
od |= [("q", 5)]
print(od)
