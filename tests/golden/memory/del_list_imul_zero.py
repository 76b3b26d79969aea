class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
l = [D(i) for i in range(3)]
l *= 0
print("after *= 0")
