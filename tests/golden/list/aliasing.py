a = [1, 2, 3]
b = a
b[0] = 100
print(a)
c = a[:]
c[1] = 200
print(a)
print(c)
