import tracemalloc

tracemalloc.start()
x = object()
snapshot = tracemalloc.take_snapshot()
tracemalloc.stop()
print(tracemalloc.get_object_traceback(x))
print(tracemalloc.get_traced_memory())
print(len(snapshot.traces) > 0)
tracemalloc.start()
print(tracemalloc.get_object_traceback(x))
