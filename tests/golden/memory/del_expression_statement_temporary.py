class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
D('tmp')
print("next statement")
