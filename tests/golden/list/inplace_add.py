a = [1]
b = a
a += [2, 3]
print(a)
print(b)
a = a + [4]
print(a)
print(b)
