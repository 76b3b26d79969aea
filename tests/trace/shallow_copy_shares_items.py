# A shallow copy is a new outer list that holds the same inner objects as the original.
import sys

inner = [1, 2]
outer = [inner, [3]]
copy = list(outer)
copy[0].append(99)
copy.append("new")
print(outer, copy)
print(copy is outer, copy[0] is outer[0])
print("rc", "inner", sys.getrefcount(inner) - 1)
