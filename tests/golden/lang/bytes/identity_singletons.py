# b'' and the 256 one-byte bytes objects are singletons when made from data; results
# CPython fills in a fresh buffer (repeat, upper, join, bytes(1)) are new objects.
empty, A, c8, nul = b'', b'A', b'\xc8', b'\x00'
print(bytes() is empty, bytes(0) is empty, b'abc'[3:] is empty, b''.join([]) is empty, b'x' * len(empty) is empty)
print(bytes([65]) is A, b'AB'[:1] is A, b'ZAZ'[1:2] is A, bytes.fromhex('41') is A, 'A'.encode() is A)
print(all(bytes([i]) is bytes([i]) for i in range(256)), bytes([200]) is c8, b'xy'[0:2] is b'xy'[0:2])
print(b'a'.upper() is A, b''.join([A, empty]) is A, bytes(1) is nul, b'AB'[::2] is A)
a = b'abc'
print(a[:] is a, a * 1 is a, a + b'' is a, b'' + a is a, bytes(a) is a, a.strip() is a)
