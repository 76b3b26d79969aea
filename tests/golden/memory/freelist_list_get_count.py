# Lists put on the list free list (80 at most) are not counted as GC
# deallocations, and lists taken from it are not counted as allocations.
import gc
gc.disable()
gc.collect()
lists = [[] for _ in range(100)]
c1 = gc.get_count()[0]
del lists
c2 = gc.get_count()[0]
lists = [[] for _ in range(100)]
c3 = gc.get_count()[0]
del lists
c4 = gc.get_count()[0]
print(c1 - c2, c3 - c2, c3 - c4)
gc.enable()
