# Instances refer to their attributes; methods get the instance as self.
import sys


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def moved(self, dx):
        print("rc", "self", sys.getrefcount(self) - 1)
        return Point(self.x + dx, self.y)


p = Point(1, 2)
print("rc", "p", sys.getrefcount(p) - 1)
q = p.moved(10)
print("rc", "q", sys.getrefcount(q) - 1)
print(q.x, q.y)
