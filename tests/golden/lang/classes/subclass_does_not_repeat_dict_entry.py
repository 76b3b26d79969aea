# A subclass of a class that has __dict__ and __weakref__ gets neither again.
class A:
    pass


class B(A):
    pass


class C(B):
    __slots__ = ()


print(list(B.__dict__), list(C.__dict__))
print(B.__dict__.get("__dict__"), repr(B.__weakref__))
print(B().__dict__, B().__weakref__)
