class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
l = [D(i) for i in range(5)]
del l[1:3]
print("after del slice", len(l))
del l[::2]
print("after del step", len(l))
l = None
print("end")
