class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
x = D('a')
x = D('b')
print("after rebinding")
x = None
print("end")
