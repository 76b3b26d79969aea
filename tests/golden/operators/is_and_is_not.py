a = [1, 2]
b = a
c = [1, 2]
print(a is b)
print(a is c)
print(a is not c)
print(a == c)
n = None
print(n is None, n is not None)
