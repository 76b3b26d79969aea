import math
print(math.sqrt(2), math.sqrt(16), math.sqrt(0.25), math.sqrt(-0.0), math.sqrt(math.inf))
print(math.pow(2, 10), math.pow(2.5, 3), math.pow(9, 0.5), math.pow(-8, 3), math.pow(2, -1074))
print(math.pow(math.nan, 0), math.pow(1, math.nan), math.pow(0.0, -math.inf), math.pow(-1, math.inf))
print(math.exp(1), math.exp(-1000), math.exp(0.5), math.fabs(-3), math.fabs(-0.0))
