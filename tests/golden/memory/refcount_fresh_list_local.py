import sys
def f():
    x = []
    return sys.getrefcount(x)
print(f())
