import tracemalloc

print(tracemalloc.is_tracing())
tracemalloc.take_snapshot()
print("not reached")
