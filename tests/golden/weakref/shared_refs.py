import weakref
class C:
    pass
def f():
    pass
c = C()
print(weakref.ref(c) is weakref.ref(c))
print(weakref.ref(f) is weakref.ref(f))
r1 = weakref.ref(c, lambda w: None)
r2 = weakref.ref(c, lambda w: None)
print(r1 is r2, r1 is weakref.ref(c))
print(weakref.ref(c, None) is weakref.ref(c))
print(weakref.proxy(c) is weakref.proxy(c))
print(weakref.getweakrefcount(c))
