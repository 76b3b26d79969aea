# A list's item buffer is traced where it was last resized (realloc).
import tracemalloc
import mod_tmhelp

mod_tmhelp.fill_list_free_list()
items = []
_ = None
tracemalloc.start()
items.extend([None] * 10)
for _ in range(2000):
    items.append(None)
snapshot = mod_tmhelp.own(tracemalloc.take_snapshot())
print(mod_tmhelp.lines(snapshot.statistics('lineno')))
