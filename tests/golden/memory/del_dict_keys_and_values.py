class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
d = {D('k0'): D('v0'), D('k1'): D('v1')}
del d
print("end")
