# UnicodeDecodeError texts for bad UTF-8 and ASCII input, caught and printed.
cases = [b'\xff', b'ab\x80', b'\xc3', b'\xe2\x82', b'\xe2\x82(', b'\xc3(', b'\xf0\x90\x80', b'\xed\xa0\x80']
for data in cases:
    try:
        data.decode()
    except UnicodeDecodeError as e:
        print(type(e).__name__, e)
for call in [lambda: b'a\xe9'.decode('ascii'), lambda: b'\xe9'.decode('ascii', 'bogus'),
             lambda: b'x'.decode('no-such-codec'), lambda: b'x'.decode(1), lambda: b'x'.decode('a', 'b', 'c')]:
    try:
        call()
    except (UnicodeError, LookupError, TypeError) as e:
        print(type(e).__name__, e)
print(issubclass(UnicodeDecodeError, UnicodeError), issubclass(UnicodeEncodeError, ValueError))
