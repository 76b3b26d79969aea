import tracemalloc

x = object()
print(tracemalloc.get_object_traceback(x))
tracemalloc.start()
y = object()
tracemalloc.stop()
print(tracemalloc.get_object_traceback(y))
