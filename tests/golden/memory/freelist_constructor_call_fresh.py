# `[]` and `{}` reuse a dead list's or dict's block from the free list;
# calling `list()` or `dict()` allocates a fresh block (PyType_GenericAlloc)
# and counts as a GC allocation.
import gc
def ids():
    a = []
    i = id(a)
    del a
    b = list()
    c = []
    d = {}
    j = id(d)
    del d
    e = dict()
    f = {}
    print(id(b) == i, id(c) == i, id(e) == j, id(f) == j)
def counts():
    g = {}
    h = []
    del g, h
    gc.get_count()
    n0 = gc.get_count()[0]
    g = {}
    h = []
    n1 = gc.get_count()[0]
    del g, h
    k = dict()
    m = list()
    n2 = gc.get_count()[0]
    print(n1 - n0, n2 - n1)
gc.disable()
gc.collect()
ids()
gc.collect()
counts()
gc.enable()
