s = 'hello world'
print(s.startswith('hell'), s.startswith('world', 6), s.startswith('o', 4, 5), s.endswith('world'), s.endswith('lo', 0, 5))
print(s.startswith(('x', 'he')), s.endswith(('x', 'y')), s.startswith(''), s.startswith('', 20), s.endswith('d', -1))
for call in [lambda: s.startswith(1), lambda: s.endswith(('a', 1)), lambda: s.startswith(), lambda: s.startswith(('h', 1))]:
    try:
        print(call())
    except TypeError as e:
        print(e)
