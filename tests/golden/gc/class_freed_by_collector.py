# A class refers to itself (its __mro__), so only the collector frees a
# class nobody uses any more; a weak reference shows when it goes.
import gc
import weakref


def make():
    class Temp:
        def method(self):
            return 1

    return Temp


gc.collect()
T = make()
r = weakref.ref(T)
print(r() is T, T.__mro__[0] is T)
del T
print("alive after del:", r() is not None)
gc.collect()
print("alive after collect:", r() is not None)
