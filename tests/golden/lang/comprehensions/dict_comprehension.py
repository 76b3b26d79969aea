words = ["apple", "bob", "cat", "apple"]
print({w: len(w) for w in words})
print({v: k for k, v in {"a": 1, "b": 2}.items()})
print({i: i * i for i in range(5) if i % 2 == 0})
