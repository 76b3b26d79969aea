import sys
def gen(a):
    yield 1
    yield 2
def f():
    x = []
    g = gen(x)
    print(sys.getrefcount(x))
    next(g)
    print(sys.getrefcount(x))
    for _ in g:
        pass
    print(sys.getrefcount(x))
f()
