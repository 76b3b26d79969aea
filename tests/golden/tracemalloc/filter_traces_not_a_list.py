import tracemalloc

tracemalloc.start()
snapshot = tracemalloc.take_snapshot()
for bad in (None, 3, tracemalloc.Filter(True, "*")):
    try:
        snapshot.filter_traces(bad)
    except TypeError as e:
        print(e)
snapshot.filter_traces(1.5)
