class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
a = D('a')
b = D('b')
c = D('c')
del c, a, b
print("end")
