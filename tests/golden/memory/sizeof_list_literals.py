from sys import getsizeof
x = 1
print(getsizeof([]))
print(getsizeof([x]))
print(getsizeof([x, x]))
print(getsizeof([x, x, x]))
print(getsizeof([1, 2]))
print(getsizeof([1, 2, 3]))
print(getsizeof([1, 2, 3, 4, 5]))
