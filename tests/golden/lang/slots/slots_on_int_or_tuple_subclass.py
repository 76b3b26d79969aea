# Subclasses of int and tuple cannot have non-empty __slots__; empty ones are fine.
for base in (int, tuple, str, list):
    try:
        type("S", (base,), {"__slots__": ("a",)})
        print(base.__name__, "ok")
    except TypeError as e:
        print(e)


class Empty(tuple):
    __slots__ = ()


print(Empty((1, 2)), hasattr(Empty(), "__dict__"))
