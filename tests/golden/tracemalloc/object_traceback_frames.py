import tracemalloc
import mod_tmhelp


def grow(n):
    if n:
        return grow(n - 1)
    return object()


tracemalloc.start(10)
x = grow(3)
tb = tracemalloc.get_object_traceback(x)
print(len(tb), [f.lineno for f in tb], tb.total_nframe)
tracemalloc.stop()
tracemalloc.start(2)
y = grow(3)
tb = tracemalloc.get_object_traceback(y)
print(len(tb), [f.lineno for f in tb])
print(mod_tmhelp.text(tb))
