# Appending to a list while it sorts raises ValueError once the sort is done;
# the list holds its sorted items and the appended ones are dropped.
p = [3, 1, 2]
try:
    p.sort(key=lambda x: p.append(x * 10) or x)
except ValueError as e:
    print(type(e).__name__, e)
print(p)
q = [2, 3, 1]
try:
    q.sort(key=lambda x: q.extend([7, 8]) or x, reverse=True)
except ValueError as e:
    print(type(e).__name__, e)
print(q)


class Meddler:
    def __init__(self, v, target):
        self.v, self.target = v, target

    def __lt__(self, other):
        self.target.insert(0, self.v)
        return self.v < other.v

    def __repr__(self):
        return f"M{self.v}"


r = []
r.extend([Meddler(2, r), Meddler(1, r), Meddler(3, r)])
try:
    r.sort()
except ValueError as e:
    print(type(e).__name__, e)
print(r)
