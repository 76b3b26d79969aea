import tracemalloc
import mod_tmhelp

mod_tmhelp.fill_list_free_list()
big = None
tracemalloc.start()
big = [None] * 100000
snapshot = mod_tmhelp.own(tracemalloc.take_snapshot())
for stat in snapshot.statistics('lineno'):
    print(mod_tmhelp.text(stat))
    print(stat.size, stat.count)
