import sys
class C:
    def m(self):
        pass
def f():
    o = C()
    print(sys.getrefcount(o))
    b = o.m
    print(sys.getrefcount(o))
    b2 = o.m
    print(sys.getrefcount(o))
    del b, b2
    print(sys.getrefcount(o))
f()
