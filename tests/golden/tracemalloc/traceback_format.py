import tracemalloc
import mod_tmhelp


def inner():
    return object()


def outer():
    return inner()


tracemalloc.start(5)
x = outer()
tb = tracemalloc.get_object_traceback(x)
show = lambda lines: [mod_tmhelp.text(line) for line in lines]
for line in show(tb.format()):
    print(line)
print(show(tb.format(limit=1)))
print(show(tb.format(limit=-1)))
print(show(tb.format(limit=2, most_recent_first=True)))
print(show(tb.format(limit=0)))
print(show(tb.format(most_recent_first=True))[0])
