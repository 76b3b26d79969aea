import gc
class N: pass
gc.collect()
a = N(); b = N()
a.o = b; b.o = a
a.__dict__; b.__dict__
del a, b
print(gc.collect())
a = N()
print(gc.is_tracked(a.__dict__))
a.x = []
print(gc.is_tracked(a.__dict__))
