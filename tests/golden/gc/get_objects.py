import gc
gc.collect()
marker = ["marker"]
print(any(o is marker for o in gc.get_objects()))
print(any(o is marker for o in gc.get_objects(0)))
gc.collect()
print(any(o is marker for o in gc.get_objects(2)))
print(any(o is marker for o in gc.get_objects(0)))
t = gc.get_objects()
print(any(o is t for o in t))
