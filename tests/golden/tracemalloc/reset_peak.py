import tracemalloc

tracemalloc.start()
big = [None] * 100000
del big
current, peak = tracemalloc.get_traced_memory()
print(peak - current >= 790000)
tracemalloc.reset_peak()
current, peak = tracemalloc.get_traced_memory()
print(peak - current < 1000)
print(tracemalloc.reset_peak())
tracemalloc.stop()
tracemalloc.reset_peak()
print(tracemalloc.get_traced_memory())
