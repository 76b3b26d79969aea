d = {'a': 1}
d.update({'b': 2})
d.update([('c', 3)])
d.update(d=4)
d.update({'a': 0}, e=5)
d.update()
print(d)
for arg in [1, [1], [(1,)]]:
    try:
        d.update(arg)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
