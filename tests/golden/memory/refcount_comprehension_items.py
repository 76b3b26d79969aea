import sys
def f():
    x = []
    l = [x for _ in range(3)]
    print(sys.getrefcount(x))
    d = {i: x for i in range(2)}
    print(sys.getrefcount(x))
f()
