class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
l = [D(0), D(1), D(2)]
del l[1]
print("after del l[1]")
del l[-1]
print("end")
