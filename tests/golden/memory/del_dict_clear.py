class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
d = {'b': D('b'), 'a': D('a'), 'c': D('c')}
d.clear()
print("after clear")
