class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
l = [D(0), D(1), D(2)]
l.insert(0, D('ins'))
l.pop(0)
print("after pop(0)")
l.reverse()
del l
print("end")
