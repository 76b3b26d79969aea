# CPython 3.11 looks an object's block up without the managed-dict pre-header
# of instances that have a __dict__, so it finds no traceback for them.
import tracemalloc


class Plain:
    pass


class Slotted:
    __slots__ = ('a',)


class Sub(list):
    pass


tracemalloc.start()
p = Plain()
s = Slotted()
l = Sub()
print(tracemalloc.get_object_traceback(p))
print(tracemalloc.get_object_traceback(s)[0].lineno)
print(tracemalloc.get_object_traceback(l))
