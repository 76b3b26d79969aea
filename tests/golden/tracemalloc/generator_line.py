import tracemalloc
import mod_tmhelp


def produce(n):
    for _ in range(n):
        yield object()


kept = [None] * 200
tracemalloc.start()
for i, o in enumerate(produce(200)):
    kept[i] = o
print(tracemalloc.get_object_traceback(kept[0])[0].lineno)
print(tracemalloc.get_object_traceback(kept[199])[0].lineno)
