class C:
    pass
import sys
def f():
    o = C()
    s = {o}
    print(sys.getrefcount(o))
    s.add(o)
    print(sys.getrefcount(o))
    s.discard(o)
    print(sys.getrefcount(o))
f()
