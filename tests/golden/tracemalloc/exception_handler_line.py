import tracemalloc


def fail():
    raise ValueError("x")


tracemalloc.start()
try:
    fail()
except ValueError:
    kept = object()
print(tracemalloc.get_object_traceback(kept)[0].lineno)
