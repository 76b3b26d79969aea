# deque: adding and removing at both ends, extend and extendleft.
from collections import deque

d = deque()
d.append(1)
d.append(2)
d.appendleft(0)
d.appendleft(-1)
print(d, len(d))
print(d.pop(), d.popleft(), d)
d.extend([10, 20, 30])
print(d)
# extendleft adds each item at the left, so they end up reversed.
d.extendleft("abc")
print(d)
print(list(d), d[0], d[-1])
d.clear()
print(d, bool(d), len(d))
print(deque(range(5)), deque("xyz"))
