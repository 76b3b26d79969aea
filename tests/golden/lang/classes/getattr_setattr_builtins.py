class C:
    pass
c = C()
setattr(c, "x", 1)
print(getattr(c, "x"), getattr(c, "y", "default"))
delattr(c, "x")
print(hasattr(c, "x"))
try:
    getattr(c, "y")
except AttributeError as e:
    print(e)
try:
    getattr(c, 1)
except TypeError as e:
    print(e)
