import tracemalloc

for n in (0, -1, 65536, 10**6):
    try:
        tracemalloc.start(n)
    except ValueError as e:
        print(n, e)
print(tracemalloc.is_tracing())
tracemalloc.start(65535)
print(tracemalloc.get_traceback_limit())
tracemalloc.stop()
tracemalloc.start(0)
