# Equal sizes: the statistic with more blocks comes first.
import tracemalloc
import mod_tmhelp

mod_tmhelp.fill_list_free_list()
one = two = None
tracemalloc.start()
one = [None] * 1002
two = [[None] * 500, [None] * 500]
stats = mod_tmhelp.own(tracemalloc.take_snapshot()).statistics('lineno')
print(mod_tmhelp.lines(stats))
print([s.size for s in stats])
