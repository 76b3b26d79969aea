import tracemalloc

tracemalloc.start()
before = tracemalloc.get_traced_memory()[0]
big = [None] * 200000
during, peak = tracemalloc.get_traced_memory()
del big
after, peak_after = tracemalloc.get_traced_memory()
print(during - before >= 1600000, during - after >= 1590000)
print(peak >= during, peak_after == peak, after < peak)
print(type(before).__name__, isinstance(peak, int))
