# Tracing started inside a function covers the rest of that function.
import tracemalloc


def work():
    tracemalloc.start()
    a = object()
    b = object()
    return a, b


pair = work()
print([tracemalloc.get_object_traceback(o)[0].lineno for o in pair])
tracemalloc.stop()
