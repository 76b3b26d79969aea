import math
print(math.pi, math.e, math.tau)
print(math.inf, -math.inf, math.nan)
print(repr(math.pi), type(math.e).__name__, math.tau == 2 * math.pi)
