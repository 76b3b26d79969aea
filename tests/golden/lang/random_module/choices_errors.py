import random
tries = [
    lambda: random.choices([1, 2], [1]),
    lambda: random.choices([1, 2], [0, 0]),
    lambda: random.choices([1, 2], [1, float("inf")]),
    lambda: random.choices([1, 2], [1, 2], cum_weights=[1, 2]),
]
for t in tries:
    try:
        t()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
random.choices([1, 2], 5)
