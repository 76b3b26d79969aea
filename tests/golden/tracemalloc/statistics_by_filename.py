import tracemalloc
import mod_tmhelp

mod_tmhelp.fill_list_free_list()
a = b = None
tracemalloc.start()
a = [None] * 3000
b = [None] * 1000
stats = mod_tmhelp.own(tracemalloc.take_snapshot()).statistics('filename')
print(len(stats))
print(mod_tmhelp.text(stats[0]))
print(stats[0].traceback[0].lineno, len(stats[0].traceback))
