# deques compare item by item like lists and repeat with * (keeping maxlen).
from collections import deque

print(deque([1, 2]) < deque([1, 3]), deque([1, 2]) <= deque([1, 2]))
print(deque([2]) > deque([1, 9]), deque("abc") >= deque("abd"))
print(deque([1, 2]) * 3, 2 * deque("ab"), deque([1]) * 0)
print(deque([1, 2, 3], maxlen=4) * 2)
d = deque([0, 1], maxlen=5)
d *= 3
print(d)
d += [7, 8]
print(d, d + deque([9]))
print(deque([1, 2, 3, 2, 1]).index(2, -3), deque([1, 2, 3]).index(3, 1, 3))
try:
    deque([1]) + [2]
except TypeError as e:
    print("TypeError", e)
