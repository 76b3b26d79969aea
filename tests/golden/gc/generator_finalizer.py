import gc
gc.collect()
def gen():
    l = [None]
    try:
        g = yield l
        yield 1
    finally:
        print("finally runs")
g = gen()
lst = next(g)
lst[0] = g
del g, lst
print(gc.collect())
def gen2():
    yield 1
g = gen2()
l = [g]
g2 = g
del g
print(gc.collect(), gc.is_finalized(g2))
