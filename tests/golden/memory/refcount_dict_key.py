class C:
    pass
import sys
def f():
    k = C()
    d = {k: 1}
    print(sys.getrefcount(k))
    d[k] = 2
    print(sys.getrefcount(k))
    del d[k]
    print(sys.getrefcount(k))
f()
