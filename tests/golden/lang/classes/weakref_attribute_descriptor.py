# __weakref__ gives None, or the first weak reference to the instance.
import weakref


class A:
    pass


a = A()
print(a.__weakref__, A.__weakref__.__get__(a))
r = weakref.ref(a)
r2 = weakref.ref(a, lambda x: None)
print(a.__weakref__ is r, A.__weakref__.__get__(a) is r)
print(repr(A.__weakref__))
try:
    a.__weakref__ = 1
except AttributeError as e:
    print(e)
