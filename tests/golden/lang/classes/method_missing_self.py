class C:
    def f():
        return 1
    def g(self, x):
        return x
try:
    C().f()
except TypeError as e:
    print(e)
try:
    C().g()
except TypeError as e:
    print(e)
try:
    C.g(1, 2, 3)
except TypeError as e:
    print(e)
print(C.g(None, 7))
