class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
l = [D(i) for i in range(4)]
l.clear()
print("after clear")
