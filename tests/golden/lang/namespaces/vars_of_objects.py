# vars(obj) is obj.__dict__; the same dict object, not a copy.
class Point:
    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
print(vars(p), vars(p) is p.__dict__)
vars(p)["z"] = 3
print(p.z)
print(sorted(k for k in vars(Point) if not k.startswith("__")))
try:
    vars(5)
except TypeError as e:
    print(e)
