class N:
    def __init__(self, name):
        self.name = name
    def __add__(self, other):
        return N(self.name + other.name)
    def __del__(self):
        print("__del__", self.name)
a = N('a')
b = N('b')
c = N('c')
r = a + b + c
print("result", r.name)
del r
print("del r")
del a, b, c
print("end")
