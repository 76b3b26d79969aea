import tracemalloc
import mod_tmhelp

mod_tmhelp.fill_list_free_list()
a = b = c = None
tracemalloc.start()
a = [None] * 2000
b = [None] * 9000
c = [None] * 5000
stats = mod_tmhelp.own(tracemalloc.take_snapshot()).statistics('lineno')
print(mod_tmhelp.lines(stats))
for s in stats:
    print(mod_tmhelp.text(s))
