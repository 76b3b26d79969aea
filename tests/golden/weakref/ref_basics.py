import weakref
class C:
    pass
c = C()
r = weakref.ref(c)
print(r() is c)
print(type(r) is weakref.ReferenceType, weakref.ref is weakref.ReferenceType)
print(r.__callback__)
print(weakref.getweakrefcount(c))
del c
print(r())
print(r() is None)
print(repr(r).endswith("; dead>"))
