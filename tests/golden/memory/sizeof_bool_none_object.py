from sys import getsizeof
print(getsizeof(True), getsizeof(False))
print(getsizeof(None))
print(getsizeof(object()))
