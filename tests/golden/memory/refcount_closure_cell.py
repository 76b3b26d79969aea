import sys
def f():
    x = []
    def g():
        return x
    print(sys.getrefcount(x))
    y = g()
    print(sys.getrefcount(y))
f()
