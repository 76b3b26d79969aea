# Instances of a fully slotted class have no __dict__.
class Pair:
    __slots__ = ("a", "b")


p = Pair()
try:
    p.__dict__
except AttributeError as e:
    print(e)
try:
    vars(p)
except TypeError as e:
    print(e)
print(hasattr(p, "__dict__"), hasattr(Pair(), "a"))
