# Lexicographic comparison, hashing equal to ASCII str hashing, bytes as dict keys and set members.
print(b'a' < b'b', b'ab' < b'abc', b'b' > b'abc', b'\xff' > b'a', b'a' <= b'a', b'' < b'\x00')
print(b'a' == b'a', b'a' == 'a', b'a' != 'a', b'a' == 97, sorted([b'pear', b'apple', b'fig']))
print(hash(b'abc') == hash('abc'), hash(b''), hash(b'abc'), hash(b'\xe9') == hash('\xe9'))
d = {b'one': 1, 'one': 'str one'}
key = bytes([111, 110, 101])
d[key] += 10
print(d, key in d, len({b'x', b'x', bytes([120]), 'x'}))
try:
    b'a' < 'a'
except TypeError as e:
    print(e)
