# deque supports indexing, iteration, `in`, count and index.
from collections import deque

d = deque(["a", "b", "c", "d", "b"])
print(d[0], d[1], d[-1], d[-5])
d[2] = "C"
print(d)
del d[0]
print(d)
for item in d:
    print("item", item)
print("b" in d, "z" in d, d.count("b"), d.index("b"), d.index("b", 1))
print(d == deque(["b", "C", "d", "b"]), d == ["b", "C", "d", "b"])
print(repr(d), str(d))
print(deque(), deque([deque([1])]))
print(d.copy(), d.copy() is d)
d.reverse()
print(d)
d.remove("C")
print(d)
