import sys
def f():
    x = []
    l = [1, x, 2]
    print(sys.getrefcount(x))
    l[1] = 3
    print(sys.getrefcount(x))
    l.append(x)
    print(sys.getrefcount(x))
    y = l.pop()
    print(sys.getrefcount(x))
f()
