import math
print(math.hypot(3, 4), math.hypot(), math.hypot(-3), math.hypot(1, 1), math.hypot(1, 2, 3))
print(math.hypot(1e308, 1e308), math.hypot(*[1e-320] * 3), math.hypot(math.inf, math.nan), math.hypot(True, 2))
print(math.hypot(0.1, 0.2, 0.3, 0.4), math.hypot(1.5, 2.25, 3.375, 5.0625, 7.59375))
print(math.dist((1, 2), (4, 6)), math.dist([1, 2], (3, 4)), math.dist((), ()), math.dist((0.1, 0.7, 2.3), (-1.2, 3.3, 9.9)))
print(math.dist((1e308,), (-1e308,)))
try:
    math.dist((1, 2), (1,))
except ValueError as e:
    print(e)
