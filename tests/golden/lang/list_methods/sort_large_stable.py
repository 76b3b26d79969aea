# Sorting many items (several timsort runs) is stable, forwards and reversed,
# for list.sort and sorted().
import random

rng = random.Random(7)
items = [(rng.randrange(20), i) for i in range(500)]
by_key = sorted(items, key=lambda t: t[0])
print(all(a[0] < b[0] or (a[0] == b[0] and a[1] < b[1]) for a, b in zip(by_key, by_key[1:])))
rev = sorted(items, key=lambda t: t[0], reverse=True)
print(all(a[0] > b[0] or (a[0] == b[0] and a[1] < b[1]) for a, b in zip(rev, rev[1:])))
nums = [rng.random() for _ in range(1000)]
copy = list(nums)
copy.sort()
print(copy == sorted(nums), copy[0] == min(nums), copy[-1] == max(nums))
runs = list(range(100)) + list(range(200, 100, -1)) + [100]
print(sorted(runs) == list(range(201)))
