import gc
class Node:
    pass
gc.collect()
a = Node(); b = Node()
a.other = b; b.other = a
del a, b
print(gc.collect())
x, y, z = Node(), Node(), Node()
x.n = y; y.n = z; z.n = x
del x, y, z
print(gc.collect())
n = Node()
n.items = [n]
del n
print(gc.collect())
