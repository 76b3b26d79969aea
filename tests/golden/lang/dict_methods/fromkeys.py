print(dict.fromkeys('abc'), dict.fromkeys([1, 2], 0), {}.fromkeys(range(2), 'x'))
d = dict.fromkeys(['a', 'b'], [])
d['a'].append(1)
print(d)
for call in [lambda: dict.fromkeys(), lambda: dict.fromkeys(1), lambda: dict.fromkeys([1], 2, 3)]:
    try:
        call()
    except TypeError as e:
        print(e)
