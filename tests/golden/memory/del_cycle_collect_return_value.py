import gc
class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
gc.collect()
gc.disable()
a = D('a')
a.me = a
l = [D('in list')]
l.append(l)
del a, l
print("before collect")
print(gc.collect())
print(gc.collect())
