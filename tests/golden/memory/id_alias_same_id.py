a = []
b = a
print(id(a) == id(b), a is b)
c = list(a)
print(id(a) == id(c), a is c)
