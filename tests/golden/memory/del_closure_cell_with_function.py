class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
def outer():
    x = D('cell')
    def inner():
        return x
    return inner
f = outer()
print("have closure")
del f
print("end")
