# A dict whose values are lists: grouping words by first letter, then mutating one group.
import sys

words = ["apple", "avocado", "banana", "cherry", "blueberry"]
groups = {}
for w in words:
    groups.setdefault(w[0], []).append(w)
print(groups)
bs = groups["b"]
bs.append("blackberry")
print(groups["b"] is bs, len(groups["b"]))
print("rc", "bs", sys.getrefcount(bs) - 1)
