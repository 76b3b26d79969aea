import weakref
class C:
    def m(self):
        return 1
c = C()
bm = c.m
r = weakref.ref(bm, lambda w: print("bound method gone"))
del bm
print(r())
def gen():
    yield 1
g = gen()
rg = weakref.ref(g, lambda w: print("generator gone"))
print(next(rg()))
del g
s = {1, 2}
rs = weakref.ref(s)
print(rs() == {1, 2})
del s
print(rs())
