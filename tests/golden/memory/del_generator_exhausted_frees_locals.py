class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
def gen():
    x = D('local')
    yield 1
    print("after last yield")
for v in gen():
    print("got", v)
print("after loop")
