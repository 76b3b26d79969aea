a = {'k': 1}
i = id(a)
del a
b = {'j': 2}
print(id(b) == i)
