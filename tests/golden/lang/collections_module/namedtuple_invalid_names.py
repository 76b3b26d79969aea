# namedtuple rejects bad type and field names with ValueError.
from collections import namedtuple

bad = [
    ("Point", "x 1y"),
    ("Point", "x class"),
    ("Point", "x _y"),
    ("Point", "x y x"),
    ("1Point", "x y"),
    ("def", "x y"),
    ("Point", "x-y"),
]
for typename, fields in bad:
    try:
        namedtuple(typename, fields)
    except ValueError as e:
        print(f"{typename!r} {fields!r}: ValueError: {e}")
try:
    namedtuple("P", "a b c", defaults=[1, 2, 3, 4])
except TypeError as e:
    print("TypeError:", e)
P = namedtuple("P", "a b")
try:
    P._make([1, 2, 3])
except TypeError as e:
    print("TypeError:", e)
try:
    P(1, 2)._replace(c=3)
except ValueError as e:
    print("ValueError:", e)
