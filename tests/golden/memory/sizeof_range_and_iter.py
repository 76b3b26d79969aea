from sys import getsizeof
print(getsizeof(range(10)))
print(getsizeof(range(2**40)))
print(getsizeof(iter([])))
