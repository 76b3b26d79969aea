class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
def f(a):
    print("in f", a.name)
    return 1
f(D('arg'))
print("after call")
