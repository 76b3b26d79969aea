# Reading or deleting a slot that was never set is an AttributeError.
class Cell:
    __slots__ = ("value",)


c = Cell()
try:
    c.value
except AttributeError as e:
    print("read:", e)
c.value = 5
del c.value
try:
    del c.value
except AttributeError as e:
    print("del:", e)
print(getattr(c, "value", "unset"))
