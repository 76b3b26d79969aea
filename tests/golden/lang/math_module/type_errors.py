import math
cases = [
    lambda: math.sqrt("x"), lambda: math.sqrt(None), lambda: math.floor("x"), lambda: math.factorial(1.5),
    lambda: math.factorial(2.0), lambda: math.gcd(4, 1.5), lambda: math.comb(5.0, 2), lambda: math.isclose(1, "x"),
    lambda: math.fsum(["x"]), lambda: math.fsum(5), lambda: math.hypot(3, "x"), lambda: math.ldexp(1, 1.5),
    lambda: math.dist(1, 2), lambda: math.log("x"), lambda: math.prod(5), lambda: math.isnan([]),
]
for f in cases:
    try:
        print(f())
    except TypeError as e:
        print(e)
