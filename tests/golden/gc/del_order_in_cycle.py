import gc
class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name, type(self.peer).__name__)
gc.collect()
a = D("a"); b = D("b")
a.peer = b; b.peer = a
del a, b
print(gc.collect())
print(gc.garbage)
