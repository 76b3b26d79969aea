# When __new__ returns an object of another type, __init__ is not called.
class Odd:
    def __new__(cls, n):
        if n % 2 == 0:
            return n
        return super().__new__(cls)

    def __init__(self, n):
        print("init", n)
        self.n = n


print(Odd(4))
o = Odd(3)
print(type(o).__name__, o.n)
