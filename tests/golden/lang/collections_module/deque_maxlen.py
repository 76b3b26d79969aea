# deque(maxlen=n) drops items from the opposite end once it is full.
from collections import deque

d = deque(maxlen=3)
print(d, d.maxlen)
for i in range(6):
    d.append(i)
    print("append", i, "->", d)
d.appendleft(100)
print("appendleft ->", d)
d.extend([7, 8])
print("extend ->", d)
d.extendleft([-1, -2])
print("extendleft ->", d)
print(deque(range(10), maxlen=4))
print(deque(range(10), 2).maxlen, deque([1]).maxlen)
z = deque([1, 2], maxlen=0)
z.append(3)
print(z, len(z))
# The last N lines of a text, as `tail` does.
lines = "one two three four five six seven".split()
print(list(deque(lines, maxlen=3)))
