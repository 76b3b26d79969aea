class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
l = [D(0), D(1)]
l[0] = D('new')
print("after overwrite")
l.pop()
print("after pop")
l.remove(l[0])
print("after remove")
