import weakref
class C:
    pass
c = C()
p = weakref.proxy(c, lambda pr: print("proxy callback"))
print(weakref.getweakrefcount(c))
del c
print("end")
