import tracemalloc
import mod_tmhelp


def inner():
    return object()


tracemalloc.start(3)
x = inner()
tb = tracemalloc.get_object_traceback(x)
print(len(tb), tb.total_nframe)
print(mod_tmhelp.text(repr(tb[0])), mod_tmhelp.text(repr(tb)))
print([f.lineno for f in tb], [f.lineno for f in tb[::-1]], tb[-1].lineno)
print(type(tb[0:1]).__name__, len(tb[0:1]))
f0, f1 = tb[0], tb[1]
print(f0 == tracemalloc.Frame((f0.filename, f0.lineno)), f0 != f1, f0 < f1, f1 > f0, f0 <= f0, f1 >= f0)
print(hash(f0) == hash(tracemalloc.Frame((f0.filename, 10))))
print(f0 in tb, tracemalloc.Frame(("nowhere.py", 1)) in tb)
same = tracemalloc.Traceback(((f1.filename, f1.lineno), (f0.filename, f0.lineno)))
print(same == tb, hash(same) == hash(tb), same.total_nframe)
print(tb == 1, f0 == "x")
try:
    tb[5]
except IndexError as e:
    print(e)
