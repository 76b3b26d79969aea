import sys
def f():
    x = []
    def g(a=x):
        return x
    print(sys.getrefcount(x))
    h = g
    print(sys.getrefcount(x))
    del g, h
    print(sys.getrefcount(x))
f()
