import tracemalloc

tracemalloc.start(3)
tracemalloc.start(9)
print(tracemalloc.get_traceback_limit())
tracemalloc.stop()
tracemalloc.start(9)
print(tracemalloc.get_traceback_limit())
tracemalloc.start(True)
print(tracemalloc.get_traceback_limit())
