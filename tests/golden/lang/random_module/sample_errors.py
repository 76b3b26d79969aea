import random
tries = [
    lambda: random.sample([1, 2], 3),
    lambda: random.sample([1, 2], -1),
    lambda: random.sample([1, 2], 1, counts=[1]),
    lambda: random.sample([1, 2], 1, counts=[1, 1.5]),
    lambda: random.sample([1, 2], 1, counts=[0, 0]),
]
for t in tries:
    try:
        t()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
random.sample({1, 2, 3}, 2)
