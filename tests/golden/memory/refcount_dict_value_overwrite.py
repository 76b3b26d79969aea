import sys
def f():
    x = []
    d = {}
    d['a'] = x
    d['b'] = x
    print(sys.getrefcount(x))
    d['a'] = 0
    print(sys.getrefcount(x))
    d.pop('b')
    print(sys.getrefcount(x))
f()
