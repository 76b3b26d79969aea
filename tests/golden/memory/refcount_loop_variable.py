import sys
def f():
    x = []
    items = [x]
    for v in items:
        print(sys.getrefcount(x))
    print(sys.getrefcount(x))
    del v
    print(sys.getrefcount(x))
f()
