# With one frame per traceback, the allocation belongs to the callee's line.
import tracemalloc
import mod_tmhelp


def pairs(n):
    out = [None] * n
    for i in range(n):
        out[i] = object()
    return out


mod_tmhelp.fill_list_free_list()
result = None
tracemalloc.start()
result = pairs(300)
snapshot = mod_tmhelp.own(tracemalloc.take_snapshot())
for stat in snapshot.statistics('lineno')[:3]:
    print(stat.traceback[0].lineno, stat.count)
