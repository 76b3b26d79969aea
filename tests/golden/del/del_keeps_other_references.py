a = [1, 2]
b = a
del a
print(b)
d = {"k": b}
del b
print(d)
