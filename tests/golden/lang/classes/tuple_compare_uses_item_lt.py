# Comparing tuples or lists compares the first differing items with the
# same operator, so the items' own __lt__/__gt__ decide.
class Version:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return self.n == other.n

    def __lt__(self, other):
        print("lt", self.n, other.n)
        return self.n < other.n

    def __gt__(self, other):
        return self.n > other.n


print((1, Version(1)) < (1, Version(2)))
print([Version(3)] > [Version(2)], (1, 2) < (1, 2, 0), [1, 2] <= [1, 2])
print(sorted([(2, Version(1)), (1, Version(5))], key=lambda t: t[0])[0][0])
try:
    (1, object()) < (1, object())
except TypeError as e:
    print(e)
