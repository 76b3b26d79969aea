# int.from_bytes(bytes, byteorder='big', *, signed=False) is a class method.
print(int.from_bytes(b'\x04\x00', 'big'), int.from_bytes(b'\x04\x00', 'little'))
print(int.from_bytes(b'\xff'), int.from_bytes(b'\xff', signed=True), int.from_bytes(b''))
print(int.from_bytes(b'\x80\x00', 'big', signed=True), int.from_bytes(bytes(range(20)), 'little'))
print(int.from_bytes([1, 2]), int.from_bytes(iter([3])), int.from_bytes(bytes=b'a', byteorder='little'))
print((7).from_bytes(b'\x01'), bool.from_bytes(b'\x01'), bool.from_bytes(b'\x00'))


class Flags(int):
    def __repr__(self):
        return 'Flags(%d)' % self


print(Flags.from_bytes(b'\x01\x02'), Flags(3).from_bytes(b'\x09'))
calls = [
    lambda: int.from_bytes('ab'),
    lambda: int.from_bytes(5),
    lambda: int.from_bytes(['a']),
    lambda: int.from_bytes([256]),
    lambda: int.from_bytes(b'a', 'mid'),
    lambda: int.from_bytes('ab', 'mid'),
    lambda: int.from_bytes(b'a', byteorder=1),
    lambda: int.from_bytes(),
    lambda: int.from_bytes(b'a', 'big', True),
]
for call in calls:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
