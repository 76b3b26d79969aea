class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
d = {'k': D('old')}
d['k'] = D('new')
print("after overwrite")
del d['k']
print("after del")
