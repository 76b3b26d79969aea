# namedtuple: field names as a comma string, defaults, rename=True.
from collections import namedtuple

Color = namedtuple("Color", "red, green,blue")
print(Color._fields, Color(1, 2, 3))
Config = namedtuple("Config", "host port debug", defaults=[8080, False])
print(Config("localhost"))
print(Config("example.org", 443, True))
print(Config._field_defaults)
One = namedtuple("One", "only", defaults=[0])
print(One(), One(5), One._fields)
Renamed = namedtuple("Renamed", ["ok", "def", "ok", "_hidden", "2x", "fine"], rename=True)
print(Renamed._fields)
print(Renamed(1, 2, 3, 4, 5, 6))
Empty = namedtuple("Empty", "")
print(Empty(), Empty._fields, len(Empty()))
Nums = namedtuple("Nums", ("a", "b"))
print(Nums(1, 2))
