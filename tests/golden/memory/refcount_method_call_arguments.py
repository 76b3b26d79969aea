import sys
class C:
    def m(self, a):
        return sys.getrefcount(a)
    def k(self, a=None):
        return sys.getrefcount(a)
def f():
    x = []
    o = C()
    print(o.m(x), o.k(a=x))
    b = o.m
    print(b(x))
    bk = o.k
    print(bk(a=x))
    l = [x]
    print(o.m(*l), o.k(**{'a': x}))
f()
