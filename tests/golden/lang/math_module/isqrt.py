import math
print(math.isqrt(0), math.isqrt(1), math.isqrt(15), math.isqrt(16), math.isqrt(True))
print(math.isqrt(10**40), math.isqrt(10**41), math.isqrt(2**127 - 1))
for bad in [-1, 2.0]:
    try:
        math.isqrt(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
