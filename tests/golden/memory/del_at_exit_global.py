class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
g = D('global')
print("last line")
