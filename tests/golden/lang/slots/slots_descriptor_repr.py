# Each slot is a member descriptor on the class.
class Vec:
    __slots__ = "x", "y"


print(Vec.x, Vec.y, type(Vec.x).__name__)
print(sorted(k for k in vars(Vec) if not k.startswith("__")))
print(Vec.__slots__)
