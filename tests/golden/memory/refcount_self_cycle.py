class C:
    pass
import sys
o = C()
print(sys.getrefcount(o))
o.self = o
print(sys.getrefcount(o))
del o.self
print(sys.getrefcount(o))
