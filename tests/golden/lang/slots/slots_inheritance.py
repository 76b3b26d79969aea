# Slots are inherited; a subclass with its own __slots__ stays dict-less,
# one without __slots__ gets a __dict__ again.
import sys


class Base:
    __slots__ = ("x",)


class More(Base):
    __slots__ = ("y",)


class Free(Base):
    pass


m = More()
m.x, m.y = 1, 2
print(m.x, m.y, sys.getsizeof(m))
try:
    m.z = 3
except AttributeError as e:
    print(e)
f = Free()
f.z = 3
print(f.z, sys.getsizeof(f), hasattr(f, "__dict__"))
