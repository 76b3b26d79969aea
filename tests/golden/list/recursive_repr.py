a = [1, 2]
a[0] = a
print(a)
b = [a]
print(b)
