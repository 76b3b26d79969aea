pairs = [(1, "one"), (2, "two"), (3, "three")]
for n, name in pairs:
    print(n, name)
