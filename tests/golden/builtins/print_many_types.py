print(1, "a", [1, "a"], (1,), {"k": "v"}, None, 2.0, True)
print("a" "b", 3)
