class D:
    def __init__(self, n, inner):
        self.n = n
        self.inner = inner
    def __del__(self):
        print("__del__", self.n)
x = None
for i in range(60):
    x = D(i, x)
del x
print("end")
