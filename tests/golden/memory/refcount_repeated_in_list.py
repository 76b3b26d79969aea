import sys
def f():
    x = []
    l = [x, x, x]
    print(sys.getrefcount(x))
    m = [x] * 4
    print(sys.getrefcount(x))
    l.pop()
    print(sys.getrefcount(x))
f()
