from sys import getsizeof
x = 1
print(getsizeof(()))
print(getsizeof((x,)))
print(getsizeof((1, 2, 3)))
print(getsizeof(tuple(range(10))))
