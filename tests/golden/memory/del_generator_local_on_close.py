class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
def gen():
    x = D('local')
    yield 1
    yield 2
g = gen()
next(g)
print("suspended")
g.close()
print("closed")
