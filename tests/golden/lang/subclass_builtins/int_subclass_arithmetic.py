# Arithmetic on an int subclass gives plain ints unless it is overridden.
class Money(int):
    def __repr__(self):
        return f"${int(self)}"

    def __add__(self, other):
        return Money(int(self) + int(other))


m = Money(5)
print(repr(m), m + 1, repr(m + 1), m * 2, type(m * 2).__name__, str(m))
print(m == 5, m < 6, hash(m) == hash(5), int(m), type(int(m)).__name__)
print(sorted([Money(3), 1, Money(2)]))
