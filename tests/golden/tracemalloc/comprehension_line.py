import tracemalloc
import mod_tmhelp

mod_tmhelp.fill_list_free_list()
objs = None
tracemalloc.start()
objs = [object() for _ in range(500)]
snapshot = mod_tmhelp.own(tracemalloc.take_snapshot())
stats = snapshot.statistics('lineno')
print(len(stats), stats[0].traceback[0].lineno, stats[0].count > 500)
print(tracemalloc.get_object_traceback(objs[0])[0].lineno)
