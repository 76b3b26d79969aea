print('a,b,,c'.split(','), 'a,b,c'.split(',', 1), 'abc'.split('x'), ''.split(','), 'a::b::c'.split('::'))
print('a,b,,c'.rsplit(',', 1), 'a,b,c'.rsplit(',', 0), 'a,b'.split(sep=',', maxsplit=-1))
for call in [lambda: 'a'.split(''), lambda: 'a'.split(1), lambda: 'a'.split(None, 1, 2), lambda: 'a'.split(x=1), lambda: 'a'.rsplit('')]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
