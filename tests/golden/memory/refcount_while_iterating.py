import sys
def f():
    l = []
    for _ in [1, 2]:
        print(sys.getrefcount(l))
    it = iter(l)
    print(sys.getrefcount(l))
    del it
    print(sys.getrefcount(l))
    for v in [l]:
        print(sys.getrefcount(l))
    print(sys.getrefcount(l))
f()
