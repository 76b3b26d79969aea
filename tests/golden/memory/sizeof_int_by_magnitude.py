from sys import getsizeof
for v in [0, 1, -1, 2**30 - 1, 2**30, 2**59, 2**60, 2**89, 2**90, 2**100, -(2**100), 10**100]:
    print(getsizeof(v))
