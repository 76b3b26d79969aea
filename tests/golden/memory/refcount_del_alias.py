import sys
def f():
    x = []
    y = x
    l = [x]
    print(sys.getrefcount(x))
    del y
    print(sys.getrefcount(x))
    del l
    print(sys.getrefcount(x))
f()
