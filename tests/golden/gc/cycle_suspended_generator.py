import gc
gc.collect()
def gen():
    l = [None]
    g = yield l
    yield 1
g = gen()
lst = next(g)
lst[0] = g
del g, lst
print(gc.collect())
