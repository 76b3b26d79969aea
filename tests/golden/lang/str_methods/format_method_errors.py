for fmt, args, kw in [('{}', (), {}), ('{0}{}', (1, 2), {}), ('{}{0}', (1,), {}), ('{a}', (), {}), ('{', (), {}), ('}', (), {}), ('{0!x}', (1,), {}), ('{0', (1,), {}), ('{:d}', ('a',), {})]:
    try:
        print(fmt.format(*args, **kw))
    except (IndexError, KeyError, ValueError) as e:
        print(type(e).__name__, e)
