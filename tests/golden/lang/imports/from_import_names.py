# `from NAME import a, b` binds the module's objects, not the module.
from mod_shapes import PI, Square, area

print(area(2, 3), PI)
sq = Square(4)
print(sq.area(), type(sq).__name__, type(sq).__module__)
try:
    mod_shapes
except NameError as e:
    print("NameError:", e)
