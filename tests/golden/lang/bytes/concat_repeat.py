# + and * on bytes, and the errors for mixing bytes with other types.
print(b'ab' + b'cd', b'' + b'x', b'ab' * 3, 2 * b'xy', b'ab' * 0, b'ab' * -1, b'a' * True)
x = b'start'
x += b'-more'
x *= 2
print(x)
for case in [lambda: b'ab' + 'c', lambda: b'ab' + 1, lambda: b'ab' + [1], lambda: 'ab' + b'c',
             lambda: b'ab' * 1.5, lambda: b'ab' * b'2', lambda: b'a' - b'a', lambda: -b'a']:
    try:
        case()
    except TypeError as e:
        print(e)
