class C:
    pass
import sys
print(sys.getrefcount(object()))
print(sys.getrefcount(C()))
print(sys.getrefcount([]))
print(sys.getrefcount({}))
print(sys.getrefcount(int('123456789')))
