class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
o = D('o')
o.a = D('first')
o.a = D('second')
print("after rebind")
del o.a
print("after del attr")
del o
print("end")
