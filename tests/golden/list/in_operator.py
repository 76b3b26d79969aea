a = [1, "two", 3.0, None, [4]]
print(1 in a)
print("two" in a)
print(3 in a)
print(None in a)
print([4] in a)
print(4 in a)
print(5 not in a)
