s = 'abcabcab'
print(s.find('b'), s.find('b', 2), s.find('b', 2, 4), s.find('z'), s.rfind('b'), s.rfind('b', 0, 4), s.find(''), s.find('', 20))
print(s.index('c'), s.rindex('a'), s.count('ab'), s.count('ab', 1), s.count(''), 'aaaa'.count('aa'), s.find('a', -3))
print('héllo'.find('l'), 'héllo'.rfind('l'), 'héllo'.index('o', 2))
for call in [lambda: s.index('z'), lambda: s.rindex('z'), lambda: s.find(), lambda: s.find(1), lambda: s.count('a', 'x')]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
