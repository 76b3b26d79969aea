import tracemalloc
import mod_tmhelp

mod_tmhelp.fill_list_free_list()
a = b = None
tracemalloc.start()
a = [None] * 3000
b = [None] * 4000
snapshot = mod_tmhelp.own(tracemalloc.take_snapshot())
only7 = snapshot.filter_traces([tracemalloc.Filter(True, mod_tmhelp.SCRIPT, lineno=7)])
not7 = snapshot.filter_traces([tracemalloc.Filter(False, mod_tmhelp.SCRIPT, 7)])
print(mod_tmhelp.lines(only7.statistics('lineno')))
print(mod_tmhelp.lines(not7.statistics('lineno')))
both = snapshot.filter_traces([tracemalloc.Filter(True, mod_tmhelp.SCRIPT, 7), tracemalloc.Filter(True, mod_tmhelp.SCRIPT, 8)])
print(mod_tmhelp.lines(both.statistics('lineno')))
f = tracemalloc.Filter(True, "x.pyc", 3)
print(f.inclusive, f.filename_pattern, f.lineno, f.all_frames, f.domain)
