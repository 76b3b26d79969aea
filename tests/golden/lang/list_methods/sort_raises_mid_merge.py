# A comparison that raises in the middle of a merge leaves every item in the
# list exactly once, in the order timsort had reached.
import random


class Boom(Exception):
    pass


class K:
    budget = 0

    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        K.budget -= 1
        if K.budget < 0:
            raise Boom
        return self.v < other.v

    def __repr__(self):
        return str(self.v)


rng = random.Random(11)
base = [rng.randrange(1000) for _ in range(300)]
for budget in (400, 701, 1200, 1901, 2150):
    items = [K(v) for v in base]
    K.budget = budget
    try:
        items.sort(reverse=budget % 2 == 1)
    except Boom:
        print("Boom after", budget)
    print(sorted(k.v for k in items) == sorted(base), hash(tuple(k.v for k in items)) % 1000003)
    print([k.v for k in items][:12])
