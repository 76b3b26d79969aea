# defaultdict with list, int and set factories: grouping, counting, collecting.
from collections import defaultdict

groups = defaultdict(list)
for word in "apple avocado banana blueberry cherry apricot".split():
    groups[word[0]].append(word)
print(groups)
print(dict(groups))

counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(counts)
print(sorted(counts.items()))

seen = defaultdict(set)
for student, course in [("ann", "math"), ("bob", "art"), ("ann", "art"), ("ann", "math")]:
    seen[student].add(course)
print({k: sorted(v) for k, v in seen.items()})
print(isinstance(groups, dict), type(counts).__name__, len(seen))
