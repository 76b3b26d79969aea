class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
x = D('x')
y = x
l = [x]
del x
print("del x")
del y
print("del y")
l.pop()
print("end")
