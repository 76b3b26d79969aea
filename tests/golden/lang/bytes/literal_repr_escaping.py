# repr/str of bytes: \t \n \r \\ escapes, \xNN for other bytes, the quote choice.
print(b'abc', b'', b'\x00\x01\x1f\x7f\x80\xff', b'tab\there', b'nl\nret\r', b'back\\slash')
print(b"it's", b'say "hi"', b'both \' and "', repr(b"'"), str(b'x'), f"{b'fs'}")
print(b'implicit' b' concat', rb'\n raw', b'\x41\x42', type(b''), len(b'\xe9\x00'))
print([b'in', b'a list'], (b'tuple',), {b'key': b'value'}, '%s %r' % (b'pct', b'r'))
