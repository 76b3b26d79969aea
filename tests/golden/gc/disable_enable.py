import gc
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.collect()
for i in range(3):
    l = []
    l.append(l)
del l
print(gc.collect())
gc.enable()
print(gc.isenabled())
print(gc.enable(), gc.disable())
gc.enable()
