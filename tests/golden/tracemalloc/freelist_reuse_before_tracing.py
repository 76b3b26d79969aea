# A list taken from the free list reuses a block allocated before tracing
# started: the block is not traced, so the new list has no allocation site.
import tracemalloc
import mod_tmhelp

mod_tmhelp.fill_list_free_list()
tracemalloc.start()
reused = []
print(tracemalloc.get_object_traceback(reused))
fresh = list()
print(tracemalloc.get_object_traceback(fresh)[0].lineno)
