# Tuples longer than 20 are not kept: their block goes straight back to
# pymalloc. A dead 20-tuple is kept but, as in CPython 3.11, only tuples
# shorter than 20 reuse kept blocks, so the next 20-tuple comes from pymalloc.
def main():
    items19 = list(range(19))
    items20 = list(range(20))
    items21 = list(range(21))
    a = tuple(items20)
    i20 = id(a)
    del a
    b = tuple(items21)
    i21 = id(b)
    del b
    c = tuple(items20)
    d = tuple(items19)
    j19 = id(d)
    del d
    e = tuple(items19)
    print(i21 == i20, id(c) == i20, id(c) == i21, id(e) == j19)
main()
