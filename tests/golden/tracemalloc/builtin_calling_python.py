# A built-in that calls back into Python: objects made by the callback belong
# to the callback's line, the built-in's own results to the calling line.
import tracemalloc
import mod_tmhelp

mod_tmhelp.fill_list_free_list()
data = list(range(300))
made = ordered = None
tracemalloc.start()
made = list(map(lambda i: object(), data))
ordered = sorted(made, key=lambda o: 0)


def line(obj):
    tb = tracemalloc.get_object_traceback(obj)
    return tb and tb[0].lineno


print(line(made[0]), line(made))
# sorted() starts from PyList_New(0): a list from the free list, untraced.
print(line(ordered), line(ordered[0]))
