import tracemalloc
import mod_tmhelp


def buffer(n):
    return [None] * n


mod_tmhelp.fill_list_free_list()
a = b = None
tracemalloc.start(3)
a = buffer(2000)
b = buffer(1000)
snapshot = mod_tmhelp.own(tracemalloc.take_snapshot())
for s in snapshot.statistics('lineno', cumulative=True):
    print(s.traceback[0].lineno, s.count, s.size)
for s in snapshot.statistics('filename', cumulative=True):
    print(s.traceback[0].lineno, s.count, s.size)
print(mod_tmhelp.lines(snapshot.statistics('lineno')))
