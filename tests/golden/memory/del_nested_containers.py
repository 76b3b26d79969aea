class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
x = [D('a'), (D('b'), D('c')), {'k': D('d'), 'j': [D('e'), D('f')]}, D('g')]
del x
print("end")
