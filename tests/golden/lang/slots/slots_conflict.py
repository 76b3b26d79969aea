# A slot name may not also be a class attribute.
try:
    class Bad:
        __slots__ = ("x",)
        x = 1
except ValueError as e:
    print(e)

