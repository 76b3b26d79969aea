import weakref
class C:
    pass
c = C()
print(weakref.getweakrefcount(c), weakref.getweakrefs(c))
r1 = weakref.ref(c, lambda w: print("cb1"))
r2 = weakref.ref(c, lambda w: print("cb2"))
r0 = weakref.ref(c)
p = weakref.proxy(c)
refs = weakref.getweakrefs(c)
print(len(refs), weakref.getweakrefcount(c))
print(refs[0] is r0, refs[1] is p, refs[2] is r2, refs[3] is r1)
del r2
print(weakref.getweakrefcount(c))
del c
print("end")
