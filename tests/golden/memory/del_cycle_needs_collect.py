class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
import gc
gc.disable()
a = D('a')
b = D('b')
a.other = b
b.other = a
del a, b
print("after del")
print(gc.collect())
print("end")
