# A list subclass instance referring to itself through an attribute is
# collected by the cycle collector.
import gc


class Node(list):
    def __del__(self):
        print("del", self.name)


gc.collect()
n = Node([1])
n.name = "n"
n.me = n
print(gc.is_tracked(n))
del n
print("collected", gc.collect())
