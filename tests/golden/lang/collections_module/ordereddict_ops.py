# OrderedDict: move_to_end both ways, popitem from either end,
# order-sensitive equality with another OrderedDict, repr.
from collections import OrderedDict

od = OrderedDict()
for key in "abcde":
    od[key] = ord(key)
print(od)
od.move_to_end("b")
print(list(od))
od.move_to_end("d", last=False)
print(list(od))
print(od.popitem())
print(od.popitem(last=False))
print(od)
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1))
print(OrderedDict(a=1, b=2) == {"b": 2, "a": 1}, {"b": 2, "a": 1} == OrderedDict(a=1, b=2))
print(OrderedDict(a=1, b=2) != OrderedDict(b=2, a=1))
print(OrderedDict(), OrderedDict([("x", [1, 2])]))
print(list(reversed(OrderedDict.fromkeys("xyz"))))
print(isinstance(od, dict), type(od.copy()).__name__)
try:
    od.move_to_end("missing")
except KeyError as e:
    print("KeyError", e)
try:
    OrderedDict().popitem()
except KeyError as e:
    print("KeyError", e)
# A tiny LRU cache: touch moves a key to the end, the oldest is evicted.
cache = OrderedDict()
for page in [1, 2, 3, 1, 4, 2, 5]:
    if page in cache:
        cache.move_to_end(page)
    cache[page] = True
    if len(cache) > 3:
        cache.popitem(last=False)
    print(page, list(cache))
