class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
def f():
    local_a = D('local_a')
    local_b = D('local_b')
    local_c = D('local_c')
    print("returning")
f()
print("after call")
