# A list grows, shrinks and is overwritten in place; its items are shared objects.
import sys

items = []
for i in range(4):
    items.append(str(i) * 3)
print("rc", "items", sys.getrefcount(items) - 1)
first = items[0]
print("rc", "first", sys.getrefcount(first) - 1)
items[0] = "changed"
print("rc", "first", sys.getrefcount(first) - 1)
last = items.pop()
print("rc", "last", sys.getrefcount(last) - 1)
items.clear()
print(len(items), first, last)
