# A tuple subclass with __new__ and properties, like a named tuple.
class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))

    @property
    def x(self):
        return self[0]

    @property
    def y(self):
        return self[1]

    def __repr__(self):
        return f"Point(x={self.x}, y={self.y})"


p = Point(3, 4)
print(p, p.x, p.y, len(p), p == (3, 4), hash(p) == hash((3, 4)))
a, b = p
print(a, b, p + (5,), type(p + (5,)).__name__)
print({p: "here"}[(3, 4)])
