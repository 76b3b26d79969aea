import tracemalloc
import mod_tmhelp

tracemalloc.start()
a = object()


def make():
    return object()


b = make()
tb = tracemalloc.get_object_traceback(a)
print(len(tb), tb[0].lineno, tb.total_nframe)
print(mod_tmhelp.text(tb), mod_tmhelp.text(tb[0]))
print(tracemalloc.get_object_traceback(b)[0].lineno)
print(tracemalloc.get_object_traceback(1), tracemalloc.get_object_traceback(None))
