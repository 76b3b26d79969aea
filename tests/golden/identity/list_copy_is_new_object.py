a = [1, 2]
b = a[:]
print(a is b)
print(a == b)
print(a[0] is b[0])
