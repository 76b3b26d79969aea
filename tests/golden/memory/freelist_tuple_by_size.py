# Tuples have one free list per length (1 to 20): a dead 2-tuple's block
# goes to the next 2-tuple, not to a 3-tuple of the same size class.
def main():
    x = []
    t2 = (x, x)
    i2 = id(t2)
    del t2
    t3 = (x, x, x)
    print(id(t3) == i2)
    u2 = (x, x)
    print(id(u2) == i2)
    t1 = (x,)
    i1 = id(t1)
    del t1, u2
    print(id((x,)) == i1, id((x, x)) == i2)
main()
