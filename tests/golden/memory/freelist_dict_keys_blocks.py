# Freeing small dicts with str keys keeps their blocks: the dict objects go
# to the dict free list and their key tables to the keys free list, so the
# number of allocated blocks does not change.
import gc, sys
def make():
    return [{"a": i, "b": i} for i in range(10)]
def main():
    dicts = make()
    b1 = sys.getallocatedblocks()
    del dicts
    b2 = sys.getallocatedblocks()
    dicts = make()
    b3 = sys.getallocatedblocks()
    print(b1 - b2, b3 - b2)
gc.disable()
gc.collect()
main()
gc.enable()
