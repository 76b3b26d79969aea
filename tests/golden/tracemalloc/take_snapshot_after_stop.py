import tracemalloc

tracemalloc.start()
snapshot = tracemalloc.take_snapshot()
print(type(snapshot).__name__, snapshot.traceback_limit)
tracemalloc.stop()
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print(e)
