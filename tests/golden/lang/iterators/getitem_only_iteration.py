# A class with only __getitem__ is iterable: the old sequence protocol asks
# for items 0, 1, 2, ... until IndexError.
class Squares:
    def __init__(self, n):
        self.n = n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return i * i


s = Squares(5)
print(list(s), 9 in s, 10 in s)
for x in s:
    print(x, end=" ")
print()
it = iter(s)
print(type(it).__name__, next(it), next(it))
a, b, c = Squares(3)
print(a, b, c, sum(Squares(4)), sorted(Squares(3), reverse=True))
