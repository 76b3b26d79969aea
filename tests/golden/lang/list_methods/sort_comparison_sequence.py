# list.sort makes the same comparisons as CPython 3.11 timsort (runs, binary
# insertion, powersort merge order, galloping), checked by hashing the log of
# __lt__ calls.
import random
log = []
class K:
    __slots__ = ('v',)
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        log.append((self.v, o.v))
        return self.v < o.v
def check(data, **kw):
    log.clear()
    out = sorted([K(v) for v in data], **kw)
    h = 0
    for a, b in log:
        h = (h * 1000003 + a * 7919 + b) % (1 << 61)
    print(len(data), len(log), h, [k.v for k in out][:5])
r = random.Random(5)
for n in [5, 63, 64, 65, 100, 300, 1000, 5000]:
    check([r.randrange(n) for _ in range(n)])
    check([r.randrange(10) for _ in range(n)], reverse=True)
# partially ordered data: long runs trigger galloping
d = list(range(2000)); 
for i in range(0, 2000, 97): d[i] = r.randrange(2000)
check(d)
check(list(range(1000, 0, -1)) + list(range(500)))
check([i % 50 for i in range(3000)])
check(sorted(range(500)) + sorted(r.randrange(1000) for _ in range(700)) + list(range(900, 300, -3)))
check([r.randrange(3) for _ in range(4000)], reverse=True)
