import math
print(math.floor(2.5), math.floor(-2.5), math.ceil(2.5), math.ceil(-2.5), math.ceil(-0.5), math.floor(-0.0))
print(math.floor(10**30), math.ceil(-10**30), math.floor(True), math.ceil(5e-324))
print(math.floor(1e300))
print(type(math.floor(3.0)).__name__, type(math.ceil(False)).__name__)
for bad in [math.nan, math.inf]:
    try:
        math.floor(bad)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
