# Classes defined in Python are GC objects; built-in types are not.
import gc


class C:
    pass


print(gc.is_tracked(C), gc.is_tracked(int), gc.is_tracked(object), gc.is_tracked(type))
c = C()
c.data = [1]
refs = gc.get_referents(c)
print(any(r is C for r in refs), [1] in refs)
