# Names, objects and counts: aliasing, shared small ints, a cycle freed by the collector.
import gc


class Pair:
    def __init__(self, left, right):
        self.left = left
        self.right = right


a = [1, 2, 3]
b = a
c = (a, "hi", 2)
p = Pair(a, c)
q = Pair(None, p)
p.right = q
del b
del p, q
gc.collect()
print(a, c)
