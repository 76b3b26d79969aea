import math
print(math.trunc(2.7), math.trunc(-2.7), math.trunc(1e20), math.trunc(True), math.trunc(-10**25))
try:
    math.trunc("3")
except TypeError as e:
    print(e)
try:
    math.trunc(-math.inf)
except OverflowError as e:
    print(e)
