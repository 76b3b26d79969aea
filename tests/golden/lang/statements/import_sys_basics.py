import sys
print(type(sys.argv).__name__, sys.argv[0])
print(sys.maxsize == 2 ** 63 - 1)
print(sys.version_info[0], sys.version_info[:2] >= (3, 11))
print(sys.getrecursionlimit())
