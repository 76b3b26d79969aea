d = {'a': 1, 'b': 2}
k, v, i = d.keys(), d.values(), d.items()
print(k, v, i, len(k), len(v), len(i))
d['c'] = 3
print(k, list(v), list(i))
print('a' in k, 'z' in k, 3 in v, 9 in v, ('a', 1) in i, ('a', 2) in i, 'a' in i)
print(type(k).__name__, type(iter(v)).__name__, type(iter(i)).__name__, type(iter(k)).__name__)
print({}.keys(), {}.values(), {}.items())
