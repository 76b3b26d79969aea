import tracemalloc

def attempt(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)

attempt(lambda: tracemalloc.start('1'))
attempt(lambda: tracemalloc.start(2.0))
attempt(lambda: tracemalloc.start(None))
attempt(lambda: tracemalloc.start(2**70))
attempt(lambda: tracemalloc.start(2**40))
attempt(lambda: tracemalloc.start(1, 2))
attempt(lambda: tracemalloc.start(nframe=2))
print(tracemalloc.is_tracing())
