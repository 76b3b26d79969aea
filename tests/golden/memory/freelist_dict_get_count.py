# Dicts (80 kept) behave like lists: freeing 100 empty dicts lowers the
# gen-0 count by 20 only, and 50 new dicts come from the free list.
import gc
gc.disable()
gc.collect()
dicts = [{} for _ in range(100)]
c1 = gc.get_count()[0]
del dicts
c2 = gc.get_count()[0]
dicts = [{} for _ in range(50)]
c3 = gc.get_count()[0]
more = [{} for _ in range(50)]
c4 = gc.get_count()[0]
print(c1 - c2, c3 - c2, c4 - c3)
gc.enable()
