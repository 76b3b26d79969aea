# Two names for one list: one object, its count goes up and down with the names.
import sys

a = [1, 2, 3]
print("rc", "a", sys.getrefcount(a) - 1)
b = a
print("rc", "a", sys.getrefcount(a) - 1)
b.append(4)
del b
print("rc", "a", sys.getrefcount(a) - 1)
c = a[:]
print("rc", "c", sys.getrefcount(c) - 1)
print(a is c, a == c)
