import tracemalloc

print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())
print(tracemalloc.start())
print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())
print(tracemalloc.stop())
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
tracemalloc.start(7)
print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())
tracemalloc.stop()
print(tracemalloc.get_traceback_limit())
tracemalloc.stop()
print(tracemalloc.is_tracing())
