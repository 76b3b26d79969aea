a = [1, 2]
i = id(a)
del a
b = [3, 4]
print(id(b) == i)
