# Dict values are references: a value stored under two keys is one object.
import sys

shared = [0]
d = {"x": shared, "y": shared}
print("rc", "shared", sys.getrefcount(shared) - 1)
d["z"] = shared
print("rc", "shared", sys.getrefcount(shared) - 1)
del d["x"]
print("rc", "shared", sys.getrefcount(shared) - 1)
d.clear()
print("rc", "shared", sys.getrefcount(shared) - 1)
print("rc", "d", sys.getrefcount(d) - 1)
