import sys
def f():
    x = []
    outer = [[x], (x, [x]), {'a': {'b': x}}]
    print(sys.getrefcount(x))
    del outer[1]
    print(sys.getrefcount(x))
    outer.clear()
    print(sys.getrefcount(x))
f()
