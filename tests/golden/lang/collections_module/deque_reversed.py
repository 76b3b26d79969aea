# reversed() walks a deque from the right end.
from collections import deque

d = deque([1, 2, 3, 4])
print(list(reversed(d)))
for item in reversed(deque("abc")):
    print(item)
print(list(reversed(deque())))
