from sys import getsizeof
print(getsizeof([1, 2, 3]))
print(getsizeof(list(range(3))))
print(getsizeof([i for i in range(3)]))
print(getsizeof([0] * 10))
print(getsizeof(list(range(10))))
print(getsizeof([i for i in range(10)]))
print(getsizeof(list((1, 2, 3, 4, 5))))
