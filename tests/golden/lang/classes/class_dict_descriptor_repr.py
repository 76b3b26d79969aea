# A class's __dict__ entry is a getset descriptor that gives the instance dict.
class A:
    pass


a = A()
a.x = 1
d = A.__dict__["__dict__"]
print(repr(d), type(d).__name__)
print(repr(A.__dict__["__weakref__"]))
print(d.__get__(a), d.__get__(a) is a.__dict__)
print(d.__get__(None, A) is d)
try:
    d.__get__(1)
except TypeError as e:
    print(e)
a.__dict__ = {"y": 2}
print(a.y, a.__dict__)
try:
    a.__dict__ = 1
except TypeError as e:
    print(e)
