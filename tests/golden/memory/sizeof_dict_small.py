from sys import getsizeof
print(getsizeof({}))
print(getsizeof({'a': 1}))
print(getsizeof(dict(a=1, b=2, c=3, d=4, e=5, f=6)))
print(getsizeof({1: 1}))
