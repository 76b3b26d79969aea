import tracemalloc
import mod_tmhelp

mod_tmhelp.fill_list_free_list()
a = b = None
tracemalloc.start()
a = [None] * 1000
b = [[None] * 100, [None] * 100]
snapshot = mod_tmhelp.own(tracemalloc.take_snapshot())
stats = snapshot.statistics('lineno')
for s in stats:
    print(mod_tmhelp.text(s))
    print(mod_tmhelp.text(repr(s)))
print(stats[0] == stats[0], stats[0] == stats[1], hash(stats[0]) == hash(stats[0]), stats[0] == 1)
empty = tracemalloc.Statistic(stats[0].traceback, 0, 0)
print(mod_tmhelp.text(empty))
