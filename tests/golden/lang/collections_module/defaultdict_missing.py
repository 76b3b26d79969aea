# defaultdict: repr, the default_factory attribute, None as factory,
# and lookups that do not create keys.
from collections import defaultdict

d = defaultdict(list)
print(repr(d), d.default_factory)
print("x" in d, d.get("x"), len(d))
d["y"]
print(d, "y" in d)
d.default_factory = int
d["z"] += 5
print(d)

plain = defaultdict()
print(plain, plain.default_factory)
try:
    plain["missing"]
except KeyError as e:
    print("KeyError", e)
d.default_factory = None
try:
    d["nope"]
except KeyError as e:
    print("KeyError", e)
try:
    defaultdict(1)
except TypeError as e:
    print("TypeError", e)
print(defaultdict(int, {"a": 1}, b=2))
print(defaultdict(str, [("k", "v")]))
c = defaultdict(set, a={1})
c2 = c.copy()
print(type(c2).__name__, c2, c2.default_factory)
