class C:
    def m(self, x):
        pass
    def n(self, *, k):
        pass
c = C()
try:
    c.m()
except TypeError as e:
    print(e)
try:
    c.m(1, 2)
except TypeError as e:
    print(e)
try:
    c.m(y=1)
except TypeError as e:
    print(e)
try:
    c.n()
except TypeError as e:
    print(e)
try:
    C.m()
except TypeError as e:
    print(e)
