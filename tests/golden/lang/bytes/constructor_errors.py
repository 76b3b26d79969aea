# The TypeError/ValueError/LookupError texts of bytes() with bad arguments.
cases = [
    lambda: bytes(-1), lambda: bytes([256]), lambda: bytes([-1]), lambda: bytes(['a']),
    lambda: bytes('text'), lambda: bytes('x', errors='strict'), lambda: bytes(b'x', 'utf-8'),
    lambda: bytes(3, 'ascii'), lambda: bytes(3, errors='x'), lambda: bytes(encoding='utf-8'),
    lambda: bytes(1.5), lambda: bytes(None), lambda: bytes('x', 'no-such-codec'),
    lambda: bytes('x', 1), lambda: bytes(x=1), lambda: bytes(1, 2, 3, 4), lambda: bytes(10**20),
    lambda: bytes([10**20]),
]
for case in cases:
    try:
        case()
    except Exception as e:
        print(type(e).__name__, e)
