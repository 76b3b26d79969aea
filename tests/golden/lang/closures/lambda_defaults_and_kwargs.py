f = lambda a, b=2, *rest, k=3, **kw: (a, b, rest, k, kw)
print(f(1))
print(f(1, 5, 6, 7, k=0, z=9))
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)))
