import sys
def f():
    x = []
    d = {}
    d.setdefault('a', x)
    print(sys.getrefcount(x))
    d2 = dict(d)
    print(sys.getrefcount(x))
    v = d.get('a')
    print(sys.getrefcount(x))
    vals = list(d.values())
    print(sys.getrefcount(x))
f()
