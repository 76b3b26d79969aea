import gc
gc.disable()
gc.collect()
gc.collect(0)
print(gc.get_count()[1:])
gc.collect(0)
print(gc.get_count()[1:])
gc.collect(1)
print(gc.get_count()[1:])
gc.collect(2)
print(gc.get_count()[1:])
s = gc.get_stats()
print(len(s), sorted(s[0]))
before = [st["collections"] for st in gc.get_stats()]
gc.collect(0); gc.collect(1); gc.collect(1)
after = [st["collections"] for st in gc.get_stats()]
print([y - x for x, y in zip(before, after)])
gc.enable()
