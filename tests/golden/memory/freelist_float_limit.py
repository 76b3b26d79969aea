# At most 100 dead floats keep their block; the other dead floats give
# theirs back to pymalloc, so the number of allocated blocks drops by 50.
import gc, sys
def main():
    floats = [i + 0.5 for i in range(150)]
    before = sys.getallocatedblocks()
    del floats
    after = sys.getallocatedblocks()
    again = [i + 0.25 for i in range(100)]
    last = sys.getallocatedblocks()
    print(before - after)
    print(last - after)
gc.disable()
gc.collect()
main()
gc.enable()
