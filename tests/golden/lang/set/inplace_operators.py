s = {1, 2, 3}
t = s
s |= {4}; s &= {1, 2, 4, 9}; s -= {1}; s ^= {2, 7}
print(s, t is s)
f = frozenset({1})
g = f
f |= {2}
print(f, g, f is g)
