# 1000 objects of 16 bytes, allocated by one line inside a loop.
import tracemalloc
import mod_tmhelp

keep = [None] * 1000
i = None
snapshot = None
tracemalloc.start()
for i in range(1000):
    keep[i] = object()
snapshot = mod_tmhelp.own(tracemalloc.take_snapshot())
top = snapshot.statistics('lineno')[0]
print(mod_tmhelp.text(top))
print(top.traceback[0].lineno, top.count, top.size)
