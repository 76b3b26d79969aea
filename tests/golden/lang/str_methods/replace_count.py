print('aaa'.replace('a', 'b'), 'aaa'.replace('a', 'b', 2), 'abc'.replace('', '-'), 'abc'.replace('', '-', 2), 'abc'.replace('x', 'y'))
print('aaa'.replace('a', '', 1), 'hello'.replace('l', 'L', 0), 'aaa'.replace('aa', 'b'))
for call in [lambda: 'a'.replace('a'), lambda: 'a'.replace(1, 'b'), lambda: 'a'.replace('a', 'b', 'c')]:
    try:
        call()
    except TypeError as e:
        print(e)
