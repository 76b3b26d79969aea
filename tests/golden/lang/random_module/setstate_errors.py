import random
tries = [
    (4, (), None),
    (3, [], None),
    (3, (1,) * 624, None),
    (3, (1,) * 624 + (625,), None),
    (3, ("x",) * 625, None),
    (3, (-1,) * 625, None),
]
for state in tries:
    try:
        random.setstate(state)
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
