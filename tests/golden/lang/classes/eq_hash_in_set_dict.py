class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, o):
        return (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
s = {Point(1, 2), Point(1, 2), Point(3, 4)}
print(len(s))
d = {Point(0, 0): "origin"}
print(d[Point(0, 0)])
print(Point(1, 2) in s)
