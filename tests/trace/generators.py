# A suspended generator keeps its frame's variables alive.
import sys


def countdown(n):
    while n > 0:
        yield n
        n -= 1


g = countdown(3)
print(next(g))
print("rc", "g", sys.getrefcount(g) - 1)
print(list(g))
