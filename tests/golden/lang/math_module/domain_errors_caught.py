import math
cases = [
    lambda: math.acos(2), lambda: math.asin(-1.5), lambda: math.sin(math.inf), lambda: math.log(-1),
    lambda: math.log2(0), lambda: math.log10(-1), lambda: math.log(8, 0), lambda: math.pow(0, -1),
    lambda: math.pow(-2, 0.5), lambda: math.pow(10, 400), lambda: math.fmod(1, 0), lambda: math.fmod(math.inf, 1),
    lambda: math.ldexp(1.0, 1024), lambda: math.ldexp(1, 10**30), lambda: math.factorial(10**20),
    lambda: math.perm(10**20, 10**19), lambda: math.log(-math.inf), lambda: math.log(-(10**400)),
]
for f in cases:
    try:
        print(f())
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
