import tracemalloc

def attempt(f):
    try:
        f()
    except TypeError as e:
        print(e)

attempt(lambda: tracemalloc.stop(1))
attempt(lambda: tracemalloc.is_tracing(1))
attempt(lambda: tracemalloc.clear_traces(None))
attempt(lambda: tracemalloc.get_traced_memory(1, 2))
attempt(lambda: tracemalloc.reset_peak(0))
attempt(lambda: tracemalloc.get_tracemalloc_memory([]))
attempt(lambda: tracemalloc.get_traceback_limit(1))
attempt(lambda: tracemalloc.is_tracing(x=1))
attempt(lambda: tracemalloc.take_snapshot(1))
attempt(lambda: tracemalloc.get_object_traceback())
attempt(lambda: tracemalloc.get_object_traceback(1, 2))
