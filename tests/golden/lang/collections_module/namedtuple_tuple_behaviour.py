# A namedtuple is a tuple: indexing, slicing, len, hashing, comparison,
# count/index, isinstance, and use as dict keys.
from collections import namedtuple

Point = namedtuple("Point", "x y")
p = Point(1, 2)
print(p[0], p[-1], p[:1], len(p), tuple(p), list(p))
print(isinstance(p, tuple), isinstance(p, Point), issubclass(Point, tuple))
print(p == (1, 2), p == Point(1, 2), (1, 2) == p, p != Point(2, 1))
print(p < Point(1, 3), Point(0, 9) < p, max(Point(1, 5), Point(2, 0)))
print(hash(p) == hash((1, 2)), Point(1, 1).count(1), Point(5, 6).index(6))
print(p + (3,), p * 2, 2 in p)
grid = {Point(0, 0): "origin", Point(1, 2): "here"}
print(grid[(1, 2)], grid[p], grid[Point(0, 0)])
print(sorted([Point(2, 1), Point(1, 5), Point(1, 2)]))
print(set([p, (1, 2), Point(1, 2)]))
a, *rest = Point(7, 8)
print(a, rest)
