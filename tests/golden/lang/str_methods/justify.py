print(repr('a'.center(4)), repr('ab'.center(5)), repr('abc'.center(6, '*')), repr('ab'.center(1)))
print(repr('a'.ljust(3)), repr('a'.rjust(3, '-')), repr('-42'.zfill(6)), repr('+7'.zfill(4)), repr('abc'.zfill(2)), '42'.zfill(5))
for call in [lambda: 'a'.center(), lambda: 'a'.center(3, 'ab'), lambda: 'a'.center(3, 1), lambda: 'a'.zfill('a')]:
    try:
        call()
    except TypeError as e:
        print(e)
