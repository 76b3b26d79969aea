import gc
def cb(phase, info):
    print(phase, info)
gc.collect()
gc.callbacks.append(cb)
l = []
l.append(l)
del l
print(gc.collect())
gc.collect(0)
gc.callbacks.remove(cb)
print(gc.collect())
