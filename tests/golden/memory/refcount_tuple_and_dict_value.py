import sys
def f():
    x = []
    t = (x,)
    print(sys.getrefcount(x))
    d = {'k': x}
    print(sys.getrefcount(x))
f()
