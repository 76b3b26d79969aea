a = 1
b = 2
c = 3
del a, b
print(c)
print(b)
