import random
# Non-integral floats are left out: CPython also prints a DeprecationWarning for them.
tries = [(0,), (-3,), (1, 10, 0), (10, 1, 2), (None,), (1, None, 2)]
for args in tries:
    try:
        random.randrange(*args)
    except (ValueError, TypeError) as e:
        print(args, type(e).__name__, e)
try:
    random.randrange(10, step=2)
except TypeError as e:
    print(e)
try:
    random.randint(5, 1)
except ValueError as e:
    print(e)
