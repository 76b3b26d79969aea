print(range(0) == range(2, 2))
print(range(3) == range(0, 3))
print(range(0, 5, 2) == range(0, 6, 2))
print(range(3) == range(4))
