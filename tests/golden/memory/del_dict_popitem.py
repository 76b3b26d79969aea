class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
d = {'a': D('a'), 'b': D('b'), 'c': D('c')}
d.popitem()
print("after popitem")
d.popitem()
print("after second popitem")
del d
print("end")
