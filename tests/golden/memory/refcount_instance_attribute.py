class C:
    pass
import sys
def f():
    x = []
    o = C()
    o.a = x
    print(sys.getrefcount(x))
    o.b = x
    print(sys.getrefcount(x))
    del o.a
    print(sys.getrefcount(x))
    del o
    print(sys.getrefcount(x))
f()
