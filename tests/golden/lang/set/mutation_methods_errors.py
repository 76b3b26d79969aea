f = frozenset({1})
for call in [lambda: f.add(2), lambda: set.add(f, 1), lambda: {1}.add(), lambda: {1}.issubset(1), lambda: {1}.union(1), lambda: set().pop(1)]:
    try:
        call()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
