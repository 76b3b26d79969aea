print({1, 2, 3}, {3, 2, 1}, set(), frozenset(), frozenset({1}), {(1, 2), 'a'} == {'a', (1, 2)})
print({1, 1.0, True}, {0, False}, repr({None}))
