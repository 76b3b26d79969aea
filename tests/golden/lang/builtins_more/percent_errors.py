for fmt, args in [('%d %d', (1,)), ('%d', (1, 2)), ('%d', 'a'), ('%x', 1.5), ('%q', 1), ('%', ()), ('%(a)s', 1), ('%c', 'ab'), ('abc', 5)]:
    try:
        print(fmt % args)
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__, e)
