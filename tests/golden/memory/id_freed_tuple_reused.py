x = 1
a = (x, 2, 3)
i = id(a)
del a
b = (x, 5, 6)
print(id(b) == i)
