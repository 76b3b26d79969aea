class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
a, b = D('a'), D('b')
print("unpacked")
a, b = b, a
print("swapped")
del a
print("del a")
del b
print("end")
