# Each call has its own frame; the argument is shared with the caller.
import sys


def total(values, n):
    print("rc", "values", sys.getrefcount(values) - 1)
    if n == 0:
        return 0
    return values[n - 1] + total(values, n - 1)


data = [5, 6, 7]
print(total(data, 3))
print("rc", "data", sys.getrefcount(data) - 1)
