import math
for x in [0.0, -1, 1e308, math.inf, -math.inf, math.nan, 10**300, True]:
    print(x, math.isfinite(x), math.isinf(x), math.isnan(x))
print(math.copysign(1, -0.0), math.copysign(3, -math.nan), math.copysign(-2.5, 1))
print(math.fmod(-5, 3), math.fmod(5.5, 2), math.fmod(1, math.inf), -5 % 3)
