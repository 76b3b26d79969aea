# A method call passes the instance as self; a bound method object keeps the instance.
class Counter:
    def __init__(self):
        self.n = 0

    def inc(self, by):
        self.n += by
        return self.n


c = Counter()
c.inc(2)
bump = c.inc
bump(3)
print(c.n, bump.__self__ is c)
Counter.inc(c, 5)
print(c.n)
