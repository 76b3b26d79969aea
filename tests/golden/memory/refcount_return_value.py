import sys
def make():
    return []
def keep(a):
    return a
def f():
    x = make()
    print(sys.getrefcount(x))
    y = keep(x)
    print(sys.getrefcount(x))
f()
print(sys.getrefcount(make()))
