print('a=b=c'.partition('='), 'a=b=c'.rpartition('='), 'abc'.partition('x'), 'abc'.rpartition('x'))
for call in [lambda: 'a'.partition(''), lambda: 'a'.partition(1), lambda: 'a'.partition()]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
