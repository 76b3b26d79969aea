# __slots__ classes get __dict__/__weakref__ entries only when the slots list them.
class P:
    __slots__ = ("x",)


class Q:
    __slots__ = ("x", "__dict__")


class R:
    __slots__ = ("__weakref__",)


class Sub(P):
    pass


print(list(P.__dict__))
print(list(Q.__dict__))
print(list(R.__dict__))
print(list(Sub.__dict__))
print(P.__doc__)
