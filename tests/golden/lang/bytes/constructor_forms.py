# bytes() from nothing, a count, iterables of ints, a str with an encoding, bytes.
print(bytes(), bytes(0), bytes(3), bytes(True), bytes([65, 66, 67]), bytes((0, 255)))
print(bytes(range(97, 100)), bytes(x for x in [104, 105]), bytes({7}), bytes(b'copy'))
print(bytes('héllo', 'utf-8'), bytes('héllo', 'latin-1'), bytes('abc', encoding='ascii'))
print(bytes('é!', 'ascii', 'ignore'), bytes('é!', errors='replace', encoding='ascii'), bytes(source=[1]))
class HasBytes:
    def __bytes__(self):
        return b'from __bytes__'
print(bytes(HasBytes()))
b = b'same'
print(bytes(b) is b)
