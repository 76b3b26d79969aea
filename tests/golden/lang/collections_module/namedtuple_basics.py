# namedtuple: field access, unpacking, _asdict, _replace, _make, _fields, repr.
from collections import namedtuple

Point = namedtuple("Point", ["x", "y"])
p = Point(3, 4)
print(p, p.x, p.y)
q = Point(y=1, x=2)
print(q)
x, y = p
print(x, y)
print(p._asdict())
print(p._replace(y=10), p)
print(Point._make([7, 8]), Point._make(range(2)))
print(Point._fields, p._fields)
print(Point, Point.__name__, Point.__doc__)
print(repr(p), str(p), f"{p}")
Person = namedtuple("Person", "name age")
people = [Person("ann", 31), Person("bob", 25)]
for person in sorted(people, key=lambda r: r.age):
    print(person.name, person.age)
