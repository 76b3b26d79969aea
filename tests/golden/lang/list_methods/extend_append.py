l = []
l.append(1)
l.extend([2, 3])
l.extend((x * 10 for x in [4])) if False else l.extend([x * 10 for x in [4]])
l.extend({5: 'a'})
print(l)
for call in [lambda: l.append(), lambda: l.extend(), lambda: l.extend(1)]:
    try:
        call()
    except TypeError as e:
        print(e)
