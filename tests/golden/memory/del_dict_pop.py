class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
d = {'a': D('a'), 'b': D('b')}
d.pop('b')
print("after pop")
v = d.pop('a')
print("kept", v.name)
del v
print("end")
