# An object is freed by refcount the moment its last name goes, by `del` or by rebinding.
import sys

data = [1, 2, 3]
alias = data
print("rc", "data", sys.getrefcount(data) - 1)
del alias
print("rc", "data", sys.getrefcount(data) - 1)
data = "replaced"
box = {"k": [4, 5]}
box = None
print(data, box)
