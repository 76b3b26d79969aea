print(dict(), dict(a=1, b=2), dict([('x', 1), ('y', 2)]), dict({'a': 1}, b=2), dict(zip('ab', [1, 2])))
for bad in [[1], [(1,)], 5]:
    try:
        dict(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
