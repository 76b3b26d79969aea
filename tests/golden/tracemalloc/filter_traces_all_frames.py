import tracemalloc
import mod_tmhelp


def helper():
    return [None] * 2500


mod_tmhelp.fill_list_free_list()
a = b = None
tracemalloc.start(4)
a = helper()
b = [None] * 1500
snapshot = mod_tmhelp.own(tracemalloc.take_snapshot())
outer = tracemalloc.Filter(True, mod_tmhelp.SCRIPT, 12)
print(mod_tmhelp.lines(snapshot.filter_traces([outer]).statistics('lineno')))
outer.all_frames = True
print(mod_tmhelp.lines(snapshot.filter_traces([outer]).statistics('lineno')))
hide = tracemalloc.Filter(False, mod_tmhelp.SCRIPT, 12, all_frames=True)
print(mod_tmhelp.lines(snapshot.filter_traces([hide]).statistics('lineno')))
