import sys
def f():
    x = []
    y = x
    print(sys.getrefcount(x))
    z = y
    print(sys.getrefcount(x))
f()
