import tracemalloc
import mod_tmhelp

mod_tmhelp.fill_list_free_list()
a = b = old = new = None
tracemalloc.start()
a = [None] * 3000
old = mod_tmhelp.own(tracemalloc.take_snapshot())
a = None
b = [[None] * 700 for _ in range(2)]
new = mod_tmhelp.own(tracemalloc.take_snapshot())
for d in new.compare_to(old, 'lineno'):
    print(mod_tmhelp.text(d))
    print(mod_tmhelp.text(repr(d)))
