class D:
    def __del__(self):
        print("__del__")
    def m(self):
        pass
o = D()
m = o.m
del o
print("after del o")
del m
print("end")
