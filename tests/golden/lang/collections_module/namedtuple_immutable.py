# namedtuple fields cannot be assigned, like any tuple item.
from collections import namedtuple

Point = namedtuple("Point", "x y")
p = Point(1, 2)
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError:", e)
try:
    p[0] = 5
except TypeError as e:
    print("TypeError:", e)
try:
    del p.y
except AttributeError as e:
    print("AttributeError:", e)
print(p)
