import sys
def g(*args):
    return sys.getrefcount(args[0])
def h(**kw):
    return sys.getrefcount(kw['a'])
def f():
    x = []
    print(g(x))
    print(h(a=x))
f()
