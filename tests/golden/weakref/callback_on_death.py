import weakref
class C:
    pass
def cb(wr):
    print("callback, referent is", wr())
c = C()
r = weakref.ref(c, cb)
print(r.__callback__ is cb)
print("deleting")
del c
print("after del")
print(r(), r.__callback__)
