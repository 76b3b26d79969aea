# str.format_map(mapping): names are looked up as mapping[name].
class Defaulting(dict):
    def __missing__(self, key):
        return '<' + key + '>'


print('{name} is {age:>4}'.format_map({'name': 'Ann', 'age': 7}))
print('{x} and {y}'.format_map(Defaulting(x=1)))
print('{p.real} {s[1]} {s!r:>6} {{literal}}'.format_map({'p': 5, 's': 'hi'}))
print(str.format_map('{a}', {'a': 'unbound'}))
for fmt, arg in [('{0}', {}), ('{}', {}), ('{missing}', {}), ('{a}', 1), ('{a}', [])]:
    try:
        print(fmt.format_map(arg))
    except Exception as e:
        print(type(e).__name__, e)
for call in [lambda: 'x'.format_map(), lambda: 'x'.format_map({}, {}), lambda: 'x'.format_map(m={})]:
    try:
        call()
    except TypeError as e:
        print('TypeError', e)
