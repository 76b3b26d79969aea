import gc, weakref
class C:
    pass
def cb(r):
    print("never printed")
gc.collect()
a = C()
a.me = a
a.w = weakref.ref(a, cb)
del a
print("collect:", gc.collect())
b = C()
b.me = b
b.w = weakref.ref(b, lambda r: print("never printed either"))
del b
print("collect:", gc.collect())
