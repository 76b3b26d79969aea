import sys
def g(a, b=None):
    return sys.getrefcount(b)
def f():
    x = []
    print(g(1, b=x))
    print(g(1, x))
f()
