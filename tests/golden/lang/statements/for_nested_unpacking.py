pairs = [(1, ("a", "b")), (2, ("c", "d"))]
for n, (x, y) in pairs:
    print(n, x, y)
for i, (k, v) in enumerate({"p": 1}.items()):
    print(i, k, v)
