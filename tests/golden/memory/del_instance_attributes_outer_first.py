class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
o = D('outer')
o.first = D('inner1')
o.second = D('inner2')
del o
print("end")
