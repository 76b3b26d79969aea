# A traced block put on the free list stays traced; the object that reuses it
# takes the trace over with its own allocation site.
import tracemalloc

keep = [[] for _ in range(200)]
tracemalloc.start()
first = []
print(tracemalloc.get_object_traceback(first)[0].lineno)
del first
second = []
print(tracemalloc.get_object_traceback(second)[0].lineno)
print(len([t for t in tracemalloc.take_snapshot().traces if t.traceback[0].lineno == 7]))
