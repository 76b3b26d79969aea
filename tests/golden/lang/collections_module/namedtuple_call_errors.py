# Calling a namedtuple class with the wrong arguments names Point.__new__.
from collections import namedtuple

Point = namedtuple("Point", "x y")
for args, kwargs in [((1,), {}), ((1, 2, 3), {}), ((1,), {"x": 2}), ((1, 2), {"z": 3})]:
    try:
        Point(*args, **kwargs)
    except TypeError as e:
        print("TypeError:", e)
