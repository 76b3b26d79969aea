import sys
x = []
print(sys.getrefcount(x))
