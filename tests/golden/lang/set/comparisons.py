a, b = {1, 2}, {1, 2, 3}
print(a < b, a <= b, b > a, b >= a, a < a, a <= a, a == b, a != b, a == {2, 1}, a == frozenset(a), a == [1, 2])
print({1} < {2}, {1} > {2}, set() < {1}, frozenset() == set())
try:
    a < [1]
except TypeError as e:
    print(e)
