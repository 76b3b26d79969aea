import sys
def f():
    x = []
    print(sys.getrefcount(x), sys.getrefcount(x))
    print([sys.getrefcount(x)])
    y = (x, sys.getrefcount(x))
    print(y[1])
f()
