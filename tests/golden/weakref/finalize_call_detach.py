import weakref
class C:
    pass
def bye(tag):
    print("bye", tag)
    return tag
c = C()
f1 = weakref.finalize(c, bye, "one")
f2 = weakref.finalize(c, bye, "two")
print(f1(), f1.alive, f1())
obj, func, args, kwargs = f2.detach()
print(obj is c, func is bye, args, kwargs, f2.alive)
print(f2.detach())
f3 = weakref.finalize(c, bye, "three")
print(f3.peek()[2])
del c, obj
print("end", f3.alive)
