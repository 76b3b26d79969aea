import sys
x = []
def f():
    global y
    y = x
    return sys.getrefcount(x)
print(f())
del y
print(sys.getrefcount(x))
