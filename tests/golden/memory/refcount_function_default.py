import sys
def f():
    x = []
    def g(a=x):
        return a
    print(sys.getrefcount(x))
    del g
    print(sys.getrefcount(x))
f()
