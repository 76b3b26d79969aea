import gc
class Node:
    pass
gc.collect()
root = []
a = Node(); b = Node()
a.other = b; b.other = a
root.append(a)
del a, b
print(gc.collect())
print(type(root[0].other).__name__)
root.clear()
print(gc.collect())
