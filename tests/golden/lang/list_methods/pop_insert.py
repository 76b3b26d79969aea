l = [1, 2, 3]
print(l.pop(), l.pop(0), l)
l.insert(0, 'a')
l.insert(100, 'z')
l.insert(-1, 'm')
print(l)
for call in [lambda: [].pop(), lambda: [1].pop(5), lambda: [1].pop('x'), lambda: [].insert(1)]:
    try:
        call()
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)
