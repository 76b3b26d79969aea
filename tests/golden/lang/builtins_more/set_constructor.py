print(set(), set([3, 1, 2]), set('aab') == {'a', 'b'}, frozenset(range(3)))
f = frozenset([1, 2])
print(frozenset(f) is f, set(f) is f, type(set(f)).__name__)
for bad in [lambda: set(1), lambda: set([1], [2]), lambda: frozenset([[]])]:
    try:
        bad()
    except TypeError as e:
        print(e)
