import gc, weakref
class C:
    pass
def bad(r):
    raise ValueError("in callback")
c = C()
r = weakref.ref(c, bad)
del c
print("after refcount death")
gc.collect()
a = C()
a.me = a
r2 = weakref.ref(a, bad)
del a
print("collect:", gc.collect())
