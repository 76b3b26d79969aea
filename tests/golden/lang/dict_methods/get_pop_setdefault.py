d = {'a': 1}
print(d.get('a'), d.get('b'), d.get('b', 0), d.setdefault('a', 5), d.setdefault('c', 3), d)
print(d.pop('a'), d.pop('zz', 'dflt'), d)
try:
    d.pop('zz')
except KeyError as e:
    print(repr(e))
for call in [lambda: d.get(), lambda: d.pop(), lambda: d.keys(1)]:
    try:
        call()
    except TypeError as e:
        print(e)
