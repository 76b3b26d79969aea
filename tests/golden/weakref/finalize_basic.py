import weakref
class C:
    pass
def bye(*args, **kwargs):
    print("finalizer", args, kwargs)
    return "result"
c = C()
f = weakref.finalize(c, bye, 1, 2, key="v")
print(f.alive)
del c
print(f.alive)
print(f())
