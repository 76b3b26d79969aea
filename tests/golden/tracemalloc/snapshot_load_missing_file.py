import tracemalloc

try:
    tracemalloc.Snapshot.load("/nonexistent-refpy-dir/snapshot")
except OSError as e:
    print(type(e).__name__, e.errno, e)
tracemalloc.start()
snapshot = tracemalloc.take_snapshot()
try:
    snapshot.dump("/nonexistent-refpy-dir/snapshot")
except FileNotFoundError as e:
    print(type(e).__name__, e)
snapshot.dump("/")
