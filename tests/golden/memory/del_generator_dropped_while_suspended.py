class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
def gen():
    x = D('local')
    try:
        yield 1
    finally:
        print("finally runs")
g = gen()
next(g)
del g
print("end")
