import sys
def f():
    x = []
    class K:
        attr = x
    print(sys.getrefcount(x))
    K.other = x
    print(sys.getrefcount(x))
    del K.attr
    print(sys.getrefcount(x))
f()
