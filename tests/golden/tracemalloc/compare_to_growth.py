import tracemalloc
import mod_tmhelp

mod_tmhelp.fill_list_free_list()
a = b = None
tracemalloc.start()
old = mod_tmhelp.own(tracemalloc.take_snapshot())
a = [None] * 4000
b = [[None] * 100 for _ in range(3)]
new = mod_tmhelp.own(tracemalloc.take_snapshot())
diffs = new.compare_to(old, 'lineno')
for d in diffs[:2]:
    print(d.traceback[0].lineno, d.size_diff > 0, d.count_diff, d.size == d.size_diff)
print(mod_tmhelp.text(diffs[0]))
