import gc, weakref
class D:
    def __del__(self):
        print("__del__", self.name)
gc.collect()
a = D()
a.name = "a"
a.me = a
w = weakref.ref(a, lambda r: print("callback", r()))
del a
print("collect:", gc.collect())
print("collect again:", gc.collect())
