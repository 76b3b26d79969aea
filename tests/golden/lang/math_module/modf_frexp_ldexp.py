import math
for x in [3.25, -3.25, -3.0, -0.0, 1e300, math.inf, -math.inf, math.nan, 7]:
    print(x, math.modf(x))
for x in [0.0, -0.0, 8, 1.0, -3.0, 0.1, 5e-324, 1e308, math.inf]:
    print(x, math.frexp(x))
print(math.ldexp(0.5, 4), math.ldexp(1, -1074), math.ldexp(1, -1075), math.ldexp(3, -1075), math.ldexp(5e-324, -1))
print(math.ldexp(1, -10**30), math.ldexp(0.0, 10**30), math.ldexp(1, True), math.ldexp(0.75, 1024), math.ldexp(-math.inf, 5))
print(all(math.ldexp(*math.frexp(x)) == x for x in [0.1, 123.456, 1e-310, 2.0**1000]))
