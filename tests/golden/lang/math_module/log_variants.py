import math
print(math.log(math.e), math.log(1), math.log(10), math.log(0.5), math.log(math.inf))
print(math.log(8, 2), math.log(100, 10), math.log(1, 0.5), math.log(2**1100, 2), math.log(10**400))
print(math.log(10**400, 10), math.log2(8), math.log2(2**2000), math.log2(0.1), math.log10(1000))
print(math.log10(10**500), math.log10(2), math.log(True), math.log(math.nan))
try:
    math.log(2, 1)
except ZeroDivisionError as e:
    print(e)
