# Shapes with inheritance, abstract-style methods, class counters and sorting.
import sys

class Shape:
    instances = 0

    def __init__(self, name):
        self.name = name
        Shape.instances += 1

    def area(self):
        raise NotImplementedError(f"{type(self).__name__} must implement area()")

    def describe(self):
        return f"{self.name}: area {self.area():.2f}, perimeter {self.perimeter():.2f}"

    def __lt__(self, other):
        return self.area() < other.area()

class Rect(Shape):
    def __init__(self, w, h, name="rect"):
        super().__init__(name)
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h

    def perimeter(self):
        return 2 * (self.w + self.h)

class Square(Rect):
    def __init__(self, side):
        super().__init__(side, side, "square")

class Circle(Shape):
    PI = 3.141592653589793

    def __init__(self, r):
        super().__init__("circle")
        self.r = r

    def area(self):
        return Circle.PI * self.r ** 2

    def perimeter(self):
        return 2 * Circle.PI * self.r

shapes = [Rect(3, 4), Square(2), Circle(1.5), Rect(1, 10, "strip")]
for s in sorted(shapes):
    print(s.describe())
print("instances:", Shape.instances, [type(s).__name__ for s in shapes])
print(isinstance(shapes[1], Rect), issubclass(Square, Shape), Square.__mro__[1].__name__)
try:
    Shape("blob").area()
except NotImplementedError as e:
    print("error:", e)
print(sys.getrefcount(shapes[0]) - sys.getrefcount(shapes[3]))
