import tracemalloc
import mod_tmhelp

mod_tmhelp.fill_list_free_list()
a = b = None
tracemalloc.start()
a = [None] * 100000
b = [None] * 1000
old = mod_tmhelp.own(tracemalloc.take_snapshot())
del a
new = mod_tmhelp.own(tracemalloc.take_snapshot())
diffs = new.compare_to(old, 'lineno')
print(mod_tmhelp.text(diffs[0]))
print(repr(diffs[0]).replace(mod_tmhelp.SCRIPT, 'SCRIPT'))
print(diffs[0].size, diffs[0].count, diffs[0].size_diff < 0)
same = [d for d in diffs if d.traceback[0].lineno == 8]
print(same[0].size_diff, same[0].count_diff)
