import gc
gc.collect()
l = []
l.append(l)
del l
gc.freeze()
print(gc.get_freeze_count() > 0)
print(gc.collect())
gc.unfreeze()
print(gc.get_freeze_count())
print(gc.collect())
