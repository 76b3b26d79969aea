class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
l = [D(i) for i in range(5)]
l[1:4] = ['x']
print("after slice assignment", len(l))
l = None
print("end")
