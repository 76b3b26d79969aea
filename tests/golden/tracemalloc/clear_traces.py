import tracemalloc

tracemalloc.start()
x = object()
big = [None] * 100000
print(tracemalloc.get_object_traceback(x) is not None)
tracemalloc.clear_traces()
print(tracemalloc.get_object_traceback(x), tracemalloc.get_object_traceback(big))
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory()[0] < 10000)
y = object()
print(tracemalloc.get_object_traceback(y)[0].lineno)
print(tracemalloc.clear_traces())
tracemalloc.stop()
tracemalloc.clear_traces()
print(tracemalloc.is_tracing())
