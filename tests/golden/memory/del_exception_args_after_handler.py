class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
try:
    raise ValueError(D('arg'))
except ValueError as e:
    print("in handler")
print("after handler")
