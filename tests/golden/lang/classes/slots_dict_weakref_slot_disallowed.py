# '__dict__' / '__weakref__' in __slots__ when a base already has one is a TypeError.
class A:
    pass


for slots in (("__dict__",), ("__weakref__",), ("__dict__", "__dict__")):
    try:
        class C(A):
            __slots__ = slots
    except TypeError as e:
        print(e)
try:
    class Q(Exception):
        __slots__ = ("__dict__",)
except TypeError as e:
    print(e)
try:
    class I(int):
        __slots__ = ("__weakref__",)
except TypeError as e:
    print(e)
