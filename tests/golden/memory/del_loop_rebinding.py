class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
for i in range(3):
    x = D(i)
    print("bound", i)
print("after loop")
del x
