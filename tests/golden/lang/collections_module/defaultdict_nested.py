# A two-level table: defaultdict(lambda: defaultdict(int)).
from collections import defaultdict

sales = defaultdict(lambda: defaultdict(int))
rows = [
    ("north", "apples", 3), ("south", "pears", 5), ("north", "pears", 2),
    ("north", "apples", 4), ("east", "plums", 1), ("south", "pears", 1),
]
for region, fruit, n in rows:
    sales[region][fruit] += n
for region in sorted(sales):
    print(region, dict(sales[region]))
print(sales["west"]["kiwis"])
print(sorted(sales), dict(sales["west"]))
print(type(sales["north"]).__name__, sales["north"].default_factory)
