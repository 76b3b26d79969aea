print({x % 4 for x in range(10)}, {c for c in 'mississippi'} == set('misp'), {x * x for x in []})
a = [1, 2]
print({*a, 3}, {*'ab'} == {'a', 'b'})
