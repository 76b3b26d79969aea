class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
d = {}
d['z'] = D(0)
d['a'] = D(1)
d['m'] = D(2)
del d
print("end")
