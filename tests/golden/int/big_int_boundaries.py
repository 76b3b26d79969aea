# Values around the 64-bit machine word edges.
m = 2 ** 63 - 1
print(m)
print(m + 1)
print(-m - 1)
print(-m - 2)
print(2 ** 64)
print(2 ** 64 - 1 + 1)
print((2 ** 64) // (2 ** 32))
print(m * 2 + 1 == 2 ** 64 - 1)
