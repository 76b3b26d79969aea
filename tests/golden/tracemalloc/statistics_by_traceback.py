import tracemalloc
import mod_tmhelp


def buffer(n):
    return [None] * n


def twice():
    return buffer(3000)


mod_tmhelp.fill_list_free_list()
a = b = snapshot = None
tracemalloc.start(5)
a = buffer(2000)
b = twice()
snapshot = mod_tmhelp.own(tracemalloc.take_snapshot())
for s in snapshot.statistics('traceback'):
    print([f.lineno for f in s.traceback], s.count, s.size)
print(mod_tmhelp.lines(snapshot.statistics('lineno')))
