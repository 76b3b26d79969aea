# __slots__ makes instances smaller: 8 bytes per slot, no dict pointers.
import sys


class Plain:
    def __init__(self):
        self.a = 1
        self.b = 2


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1
        self.b = 2


class One:
    __slots__ = "a"


class Five:
    __slots__ = ("a", "b", "c", "d", "e")


print(sys.getsizeof(Plain()), sys.getsizeof(Slotted()), sys.getsizeof(One()), sys.getsizeof(Five()))
print(sys.getsizeof(Slotted()) < sys.getsizeof(Plain()))
