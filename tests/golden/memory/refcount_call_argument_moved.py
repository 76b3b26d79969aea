import sys
def g(a):
    return sys.getrefcount(a)
def f():
    x = []
    print(g(x))
    print(g([]))
f()
x = []
print(g(x))
