import math
cases = [
    lambda: math.sqrt(), lambda: math.sqrt(1, 2), lambda: math.sqrt(x=1), lambda: math.pow(1),
    lambda: math.pow(1, 2, 3), lambda: math.log(), lambda: math.log(1, 2, 3), lambda: math.log(x=1),
    lambda: math.hypot(x=1), lambda: math.isclose(1), lambda: math.isclose(1, 1, 1),
    lambda: math.isclose(1, 1, foo=1), lambda: math.comb(5), lambda: math.perm(1, 2, 3), lambda: math.perm(),
    lambda: math.prod(), lambda: math.prod([1], 2), lambda: math.prod([1], foo=2), lambda: math.dist((1,)),
    lambda: math.gcd(x=1), lambda: math.atan2(1),
]
for f in cases:
    try:
        print(f())
    except TypeError as e:
        print(e)
