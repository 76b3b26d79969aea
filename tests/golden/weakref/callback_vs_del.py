import weakref
class WD:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print(self.name, "__del__")
class Attr:
    def __del__(self):
        print("attribute released")
o = WD("WD")
o.attr = Attr()
r = weakref.ref(o, lambda wr: print("WD callback", wr()))
del o
print("done")
