import sys
def g(a):
    b = a
    c = [a, b]
    return len(c)
def f():
    x = []
    g(x)
    print(sys.getrefcount(x))
f()
