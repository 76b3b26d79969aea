print('-'.join(['a', 'b']), ''.join(('x', 'y')), ', '.join({'k': 1}), '-'.join('abc'), 'tab\there'.expandtabs(4))
print('prefix_rest'.removeprefix('prefix_'), 'file.txt'.removesuffix('.txt'), 'x'.removeprefix('y'))
for call in [lambda: '-'.join([1]), lambda: '-'.join(5), lambda: 'a'.upper(1)]:
    try:
        call()
    except TypeError as e:
        print(e)
