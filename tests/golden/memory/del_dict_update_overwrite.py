class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
d = {'a': D('old a'), 'b': D('old b')}
d.update({'b': D('new b'), 'a': D('new a')})
print("after update")
d = None
print("end")
