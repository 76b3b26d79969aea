import weakref
class C:
    pass
c = C()
refs = [weakref.ref(c, lambda w, i=i: print("callback", i)) for i in range(4)]
del c
print("after")
