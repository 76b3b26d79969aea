import tracemalloc
import mod_tmhelp

mod_tmhelp.fill_list_free_list()
a = b = None
tracemalloc.start()
a = [None] * 5000
b = [None] * 6000
snapshot = mod_tmhelp.own(tracemalloc.take_snapshot())
traces = snapshot.traces
print(len(traces), repr(traces))
sizes = sorted(t.size for t in traces)
print(sizes)
first = traces[0]
print(first.domain, first in traces, first == traces[0], hash(first) == hash(traces[0]))
print(type(traces[0:2]).__name__, len(traces[:]))
biggest = max(traces, key=lambda t: t.size)
print(mod_tmhelp.text(biggest))
print(mod_tmhelp.text(repr(biggest)))
print(biggest.traceback.total_nframe)
