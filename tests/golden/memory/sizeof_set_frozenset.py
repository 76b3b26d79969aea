from sys import getsizeof
print(getsizeof(set()))
print(getsizeof({1, 2, 3}))
print(getsizeof(frozenset()))
print(getsizeof(frozenset([1, 2, 3])))
