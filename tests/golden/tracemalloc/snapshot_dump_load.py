import tracemalloc
import mod_tmhelp

PATH = "/tmp/refpy-golden-tracemalloc-dump.snapshot"
mod_tmhelp.fill_list_free_list()
a = None
tracemalloc.start(2)
a = [None] * 7000
snapshot = mod_tmhelp.own(tracemalloc.take_snapshot())
snapshot.dump(PATH)
loaded = tracemalloc.Snapshot.load(PATH)
print(type(loaded).__name__, loaded.traceback_limit)
print(loaded.traces == snapshot.traces)
print(loaded.statistics('lineno') == snapshot.statistics('lineno'))
print(mod_tmhelp.text(loaded.statistics('lineno')[0]))
