import sys
def f():
    x = []
    l = [[], x, []]
    l.reverse()
    print(sys.getrefcount(x))
    l.sort(key=len)
    print(sys.getrefcount(x))
    c = l.copy()
    print(sys.getrefcount(x))
    s = l[:]
    print(sys.getrefcount(x))
f()
