import sys
def f():
    x = []
    a, b = x, x
    print(sys.getrefcount(x))
    a, b = b, 1
    print(sys.getrefcount(x))
f()
