class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
def f():
    first = None
    second = D('second')
    first = D('first')
    print("returning")
f()
print("after call")
