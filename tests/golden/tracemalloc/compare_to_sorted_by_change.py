import tracemalloc
import mod_tmhelp

mod_tmhelp.fill_list_free_list()
a = b = c = None
a = [None] * 6000
tracemalloc.start()
b = [None] * 5000
c = [None] * 300
old = mod_tmhelp.own(tracemalloc.take_snapshot())
del b
a = [None] * 2000
c = c * 30
new = mod_tmhelp.own(tracemalloc.take_snapshot())
for d in new.compare_to(old, 'lineno'):
    print(d.traceback[0].lineno, d.size_diff, d.count_diff)
