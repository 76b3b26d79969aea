import tracemalloc

print(type(tracemalloc.get_tracemalloc_memory()).__name__)
tracemalloc.start()
keep = [object() for _ in range(1000)]
print(tracemalloc.get_tracemalloc_memory() > 0)
