# split/rsplit/join/replace/strip and the case and class tests on bytes.
print(b'a,b,,c'.split(b','), b'a,b,,c'.split(b',', 1), b'a,b,,c'.rsplit(b',', 1), b'  a \t b\n'.split())
print(b'  a  b c  '.split(maxsplit=1), b'  a  b c  '.rsplit(maxsplit=1), b''.split(), b''.split(b','))
print(b'-'.join([b'a', b'b', b'c']), b''.join([]), b', '.join((b'x',)), b'.'.join(x for x in [b'1', b'2']))
print(b'aXbXc'.replace(b'X', b'--'), b'aaa'.replace(b'a', b'b', 2), b'ab'.replace(b'', b'.'))
print(b'  pad  '.strip(), b'xxhixx'.strip(b'x'), b'xxhixx'.lstrip(b'x'), b'xxhixx'.rstrip(b'x'), b'\t\x0bz'.lstrip())
print(b'MiXed 1'.upper(), b'MiXed 1'.lower(), b'123'.isdigit(), b'abc'.isalpha(), b'\xe9'.isalpha(), b' \t\n'.isspace(), b''.isspace())
for call in [lambda: b'a'.split('a'), lambda: b'a'.split(b''), lambda: b'-'.join([b'a', 'b']),
             lambda: b'-'.join(5), lambda: b'a'.replace('a', b'b'), lambda: b'a'.strip('a')]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
