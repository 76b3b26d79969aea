print(hash(frozenset()), hash(frozenset({1})), hash(frozenset({1, 2, 3})), hash(frozenset({'a', 'b'})))
print(hash(frozenset({1, 2})) == hash(frozenset([2, 1])), {frozenset({1}): 'x'}[frozenset([1])])
print({frozenset({1, 2}), frozenset({2, 1})}, frozenset({1}) in {frozenset({1}), 5})
try:
    hash({1})
except TypeError as e:
    print(e)
