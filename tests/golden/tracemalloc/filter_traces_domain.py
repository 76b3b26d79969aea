import tracemalloc

tracemalloc.start()
keep = [object() for _ in range(10)]
snapshot = tracemalloc.take_snapshot()
d = tracemalloc.DomainFilter(True, 0)
print(d.inclusive, d.domain)
print(len(snapshot.filter_traces([d]).traces) == len(snapshot.traces))
print(len(snapshot.filter_traces([tracemalloc.DomainFilter(False, 0)]).traces))
print(len(snapshot.filter_traces([tracemalloc.DomainFilter(True, 5)]).traces))
print(len(snapshot.filter_traces([tracemalloc.Filter(True, "*", domain=1)]).traces))
print(set(t.domain for t in snapshot.traces))
try:
    d.domain = 3
except AttributeError:
    print("read-only")
