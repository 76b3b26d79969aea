d = {"a": 1, 2: "b"}
print("a" in d)
print(2 in d)
print(1 in d)
print("b" in d)
print("z" not in d)
