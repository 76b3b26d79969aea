# Counters compare as multisets: <= is inclusion, < is proper inclusion;
# missing elements count as zero.
from collections import Counter

small = Counter(a=1, b=2)
big = Counter(a=2, b=2, c=1)
print(small <= big, small < big, big >= small, big > small)
print(big <= small, small >= big)
print(small <= Counter(a=1, b=2), small < Counter(a=1, b=2))
print(Counter(a=1, z=0) <= Counter(a=1), Counter(a=1) < Counter(a=1, z=0))
print(Counter(a=-1) <= Counter(), Counter() >= Counter(b=-2))
recipe = Counter("flour flour sugar egg".split())
pantry = Counter("flour flour flour sugar egg egg milk".split())
print("can bake:", recipe <= pantry)
print("missing:", recipe - Counter("flour sugar".split()))
try:
    Counter(a=1) <= {"a": 2}
except TypeError as e:
    print("TypeError", e)
try:
    Counter.fromkeys("abc")
except NotImplementedError as e:
    print("NotImplementedError", e)
