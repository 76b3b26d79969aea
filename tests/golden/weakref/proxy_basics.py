import weakref
class C:
    def __init__(self):
        self.x = 10
    def double(self):
        return self.x * 2
c = C()
p = weakref.proxy(c)
print(p.x, p.double())
p.y = 5
print(c.y)
del p.y
print(hasattr(c, "y"))
print(type(p) is weakref.ProxyType)
print(weakref.getweakrefcount(c))
del c
try:
    p.x
except ReferenceError as e:
    print(type(e).__name__, e)
try:
    p.x = 1
except ReferenceError as e:
    print(type(e).__name__, e)
