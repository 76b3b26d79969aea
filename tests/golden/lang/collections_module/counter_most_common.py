# Counter.most_common keeps insertion order among equal counts;
# elements() repeats each element by its count; total() sums the counts.
from collections import Counter

c = Counter("the quick brown fox jumps over the lazy dog".replace(" ", ""))
print(c.most_common(5))
print(c.most_common(1))
print(c.most_common(0))
print(len(c.most_common()), c.most_common()[-3:])
ties = Counter(["b", "a", "c", "a", "b", "c", "d"])
print(ties.most_common())
print(ties.most_common(2))
print(list(ties.elements()))
neg = Counter(a=2, b=0, c=-1, d=1)
print(sorted(neg.elements()), neg.total())
print(c.total(), Counter().total())
print(neg)
