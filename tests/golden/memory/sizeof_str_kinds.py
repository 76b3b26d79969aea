from sys import getsizeof
print(getsizeof(''))
print(getsizeof('a'), getsizeof('abc'), getsizeof('a' * 100))
print(getsizeof('\xe9'), getsizeof('\xe9' * 10))
print(getsizeof('\u20ac'), getsizeof('\u20ac' * 10))
print(getsizeof('\U0001f600'), getsizeof('\U0001f600' * 10))
print(getsizeof('a\u20ac'), getsizeof('\xe9\U0001f600'))
