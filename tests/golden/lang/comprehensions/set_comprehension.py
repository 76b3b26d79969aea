s = {x % 3 for x in range(10)}
print(sorted(s), type(s).__name__)
print({c.lower() for c in "AaBb"} == {"a", "b"})
