saved = []
class R:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("__del__", self.n)
        saved.append(self)
x = R(1)
x = R(2)
print("saved", [r.n for r in saved])
saved.clear()
print("cleared, no second __del__")
del x
print("saved", [r.n for r in saved])
saved.clear()
print("end")
