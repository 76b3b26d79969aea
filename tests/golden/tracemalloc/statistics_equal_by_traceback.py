# Equal size and count: the greater traceback (here: the later line) first.
import tracemalloc
import mod_tmhelp

mod_tmhelp.fill_list_free_list()
x = y = z = None
tracemalloc.start()
x = [None] * 700
y = [None] * 700
z = [None] * 700
stats = mod_tmhelp.own(tracemalloc.take_snapshot()).statistics('lineno')
print(mod_tmhelp.lines(stats))
print(stats[0].traceback > stats[1].traceback, stats[2].traceback < stats[1].traceback)
