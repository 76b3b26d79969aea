import tracemalloc
import mod_tmhelp

mod_tmhelp.fill_list_free_list()
a = None
tracemalloc.start()
a = [None] * 3000
snapshot = tracemalloc.take_snapshot()
mine = snapshot.filter_traces([tracemalloc.Filter(True, mod_tmhelp.SCRIPT)])
others = snapshot.filter_traces([tracemalloc.Filter(False, mod_tmhelp.SCRIPT)])
pattern = snapshot.filter_traces([tracemalloc.Filter(True, "*/filter_traces_by_?ilename.py")])
print(len(mine.traces) + len(others.traces) == len(snapshot.traces))
print(len(mine.traces), len(pattern.traces), mine.traces == pattern.traces)
print(all(t.traceback[0].filename != mod_tmhelp.SCRIPT for t in others.traces))
print(len(snapshot.filter_traces([]).traces) == len(snapshot.traces))
print(snapshot.filter_traces([]).traces == snapshot.traces, snapshot.traceback_limit)
