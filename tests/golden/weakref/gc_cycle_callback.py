import gc, weakref
class C:
    pass
gc.collect()
a, b = C(), C()
a.other, b.other = b, a
w = weakref.ref(a, lambda r: print("callback, referent:", r()))
del a, b
print("collect:", gc.collect())
print(w())
