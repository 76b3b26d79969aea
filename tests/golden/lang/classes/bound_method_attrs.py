class C:
    def m(self):
        return 1
c = C()
bm = c.m
print(bm.__self__ is c, bm.__func__ is C.m, bm.__name__)
print(bm(), C.m(c))
print(c.m == c.m, c.m is c.m)
