# A dead float keeps its block on the float free list: the next float gets
# it back (last freed, first reused), even when an int of the same size
# class was allocated in between (the int comes from pymalloc instead).
def main():
    x = 1.5
    a = x * 2
    b = x * 3
    ia, ib = id(a), id(b)
    del a
    del b
    n = int("1000000000000")
    print(id(n) in (ia, ib))
    c = x * 4
    d = x * 5
    print(id(c) == ib, id(d) == ia)
main()
