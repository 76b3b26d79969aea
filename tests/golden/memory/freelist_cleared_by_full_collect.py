# A full collection frees the blocks kept on the free lists (back to
# pymalloc, where an int of the same size class can take them); a younger
# collection does not.
import gc
def main():
    x = 0.5
    a = x * 2
    i = id(a)
    del a
    gc.collect(1)
    n = int("1000000000000")
    kept = id(n) != i
    b = x * 3
    reused = id(b) == i
    del b
    gc.collect()
    m = int("2000000000000")
    print(kept, reused, id(m) == i)
gc.disable()
gc.collect()
main()
gc.enable()
