# Indexing gives ints, slicing gives bytes, iteration gives ints.
b = b'abcdef'
print(b[0], b[-1], b[2], b[1:4], b[::2], b[::-1], b[4:1:-1], b[10:], b[-100:2], b[:])
print(list(b'hi!'), [x + 1 for x in b'\x00\x01'], tuple(b'AB'), sum(b'\x01\x02\x03'), max(b'azm'))
it = iter(b'xy')
print(type(it).__name__, next(it), next(it), next(it, 'done'))
for case in [lambda: b[6], lambda: b[-7], lambda: b['a'], lambda: b[1.0], lambda: b[::0]]:
    try:
        case()
    except Exception as e:
        print(type(e).__name__, e)
