# Changing a deque's length while a for loop walks it raises RuntimeError.
from collections import deque

d = deque([1, 2, 3])
for x in d:
    d[0] = x * 10
print("item assignment is fine:", d)
try:
    for x in d:
        if x == 2:
            d.append(4)
except RuntimeError as e:
    print("RuntimeError:", e)
print(d)
queue = deque(["a", "b"])
for item in queue:
    print("visiting", item)
    queue.append(item.upper())
