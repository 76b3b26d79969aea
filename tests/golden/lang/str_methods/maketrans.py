# str.maketrans builds a dict of ordinals; it is a static method.
print(str.maketrans('abc', 'xyz'))
print(str.maketrans('ab', 'cd', 'ef'))
print(str.maketrans({'a': 'A', 98: None, 'c': 3}))
print('ignored'.maketrans('a', 'b'))
print(str.maketrans({}))
class S(str):
    pass
print(S.maketrans('q', 'r'), S('s').maketrans('q', 'r'))
bad = [
    (), ('a', 'b', 'c', 'd'), (1,), ({1.5: 'a'},), ({'ab': 'a'},), ('ab', 'c'),
    ('ab', 1), (1, 'a'), ('ab', 'cd', 3), ({}, 'a'), ({'a': 1}, None),
]
for args in bad:
    try:
        print(str.maketrans(*args))
    except Exception as e:
        print(type(e).__name__, e)
try:
    str.maketrans(x='a')
except TypeError as e:
    print('TypeError', e)
