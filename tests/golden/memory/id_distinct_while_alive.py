a = []
b = []
print(id(a) == id(b))
o1 = object()
o2 = object()
print(id(o1) == id(o2))
