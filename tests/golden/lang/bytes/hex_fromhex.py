# bytes.hex with separators and bytes.fromhex, including its errors.
print(b'\x00\xffab'.hex(), b''.hex(), b'abc'.hex(':'), b'abcde'.hex('-', 2), b'abcde'.hex(b' ', -2))
print(bytes.fromhex('41 42  43'), bytes.fromhex(''), bytes.fromhex(' 0a0B\n'), b''.fromhex('ff'))
print(bytes.fromhex(b'hello'.hex()), type(bytes.fromhex('00')).__name__)
for call in [lambda: bytes.fromhex('4'), lambda: bytes.fromhex('41 4'), lambda: bytes.fromhex('zz'),
             lambda: bytes.fromhex(b'41'), lambda: b'a'.hex('::'), lambda: b'a'.hex('é')]:
    try:
        call()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
