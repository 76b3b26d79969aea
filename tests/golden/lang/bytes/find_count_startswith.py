# find/rfind/index/count/startswith/endswith with bytes and int needles and start/end.
b = b'abcabcab'
print(b.find(b'b'), b.find(b'b', 2), b.find(b'b', 2, 4), b.find(b'z'), b.rfind(b'b'), b.find(99), b.find(b''), b.find(b'', 20))
print(b.index(b'c'), b.rindex(b'a'), b.count(b'ab'), b.count(b'ab', 1), b.count(b''), b'aaaa'.count(b'aa'), b.count(97))
print(b.startswith(b'abc'), b.startswith(b'bc', 1), b.endswith(b'ab'), b.endswith((b'x', b'ab')), b.startswith(b'', 8), b.startswith(b'', 9))
for call in [lambda: b.index(b'z'), lambda: b.rindex(b'z'), lambda: b.find('a'), lambda: b.find(256),
             lambda: b.startswith('a'), lambda: b.startswith((b'a', 'b')), lambda: b.count(b'a', 'x')]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
