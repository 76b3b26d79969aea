import math
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.001), math.isclose(0, 1e-10))
print(math.isclose(0, 1e-10, abs_tol=1e-9), math.isclose(100, 101, rel_tol=0.01), math.isclose(a=1, b=1.0))
print(math.isclose(math.inf, math.inf), math.isclose(math.inf, -math.inf), math.isclose(math.nan, math.nan))
print(math.isclose(0.1 + 0.2, 0.3), 0.1 + 0.2 == 0.3)
try:
    math.isclose(1, 1, rel_tol=-1)
except ValueError as e:
    print(e)
