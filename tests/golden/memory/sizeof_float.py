from sys import getsizeof
print(getsizeof(1.5))
print(getsizeof(0.0))
print(getsizeof(1e300))
print(getsizeof(float('inf')))
