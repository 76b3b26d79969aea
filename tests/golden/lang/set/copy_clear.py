s = {1, 2}
c = s.copy()
c.add(3)
print(s, c, c is s)
s.clear()
print(s, len(s), bool(s), bool(c))
f = frozenset({1})
print(f.copy() is f)
