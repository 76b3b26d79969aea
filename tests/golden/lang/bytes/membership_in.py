# `in` on bytes: a byte value or a subsequence, and the errors for other types.
b = b'hello'
print(b'ell' in b, b'' in b, b'xyz' in b, 104 in b, 0 in b, True in b'\x01', b'hello' in b, b'hello!' in b)
for item in ['e', 300, -1, None, 1.0, [104]]:
    try:
        item in b
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
