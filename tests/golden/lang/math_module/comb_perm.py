import math
print(math.comb(5, 2), math.comb(5, 0), math.comb(5, 7), math.comb(100, 50), math.comb(10**20, 3))
print(math.comb(10**20, 10**20 - 1), math.comb(True, 1))
print(math.perm(5), math.perm(5, 2), math.perm(5, None), math.perm(5, 7), math.perm(10**20, 3))
for args in [(-1, 2), (5, -1)]:
    try:
        math.comb(*args)
    except ValueError as e:
        print(e)
try:
    math.perm(-1)
except ValueError as e:
    print(e)
try:
    math.comb(10**20, 10**19)
except OverflowError as e:
    print(e)
