# Counter from a string, a list, a mapping and keyword arguments;
# a missing key counts 0 and is not inserted.
from collections import Counter

print(Counter("abracadabra"))
print(Counter(["red", "blue", "red", "green", "blue", "red"]))
print(Counter({"x": 2, "y": 5}))
print(Counter(cats=4, dogs=8))
print(Counter())
c = Counter("hello")
print(c["l"], c["z"], "z" in c, len(c))
c["z"] += 1
print(c)
del c["nothing"]
del c["h"]
print(c)
print(isinstance(c, dict), sorted(c), list(c.keys()))
print(Counter("aab") == Counter("aba"), Counter(a=1) == Counter(a=1, b=0))
print(Counter(a=1) == {"a": 1}, Counter("ab") != Counter("abb"))
