# Instances keep their class alive; a dead class with dead instances in a
# cycle goes in one collection, __del__ first.
import gc
import weakref


def build():
    class Node:
        def __del__(self):
            print("del node", self.name)

    a, b = Node(), Node()
    a.name, b.name = "a", "b"
    a.other, b.other = b, a
    return weakref.ref(Node), weakref.ref(a)


gc.collect()
cls_ref, inst_ref = build()
print(cls_ref() is not None, inst_ref() is not None)
gc.collect()
print(cls_ref() is None, inst_ref() is None)
