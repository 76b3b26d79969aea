import math
print(math.fsum([0.1] * 10), sum([0.1] * 10))
print(math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), sum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
print(math.fsum([]), math.fsum([1, 2, 3]), math.fsum(x / 10 for x in range(1, 11)))
print(math.fsum([1, 2**60 + 1, 0.5]), math.fsum([1e308, -1e308, 1e-308]), math.fsum([0.1, 0.2, 0.3, -0.6]))
print(math.fsum([math.inf, 1]), math.fsum([math.inf, math.nan]), math.fsum([-0.0]))
for bad in ([1e308, 1e308], [math.inf, -math.inf]):
    try:
        math.fsum(bad)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
