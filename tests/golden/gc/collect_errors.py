import gc
for g in [3, -1, "x", None]:
    try:
        gc.collect(g)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(gc.collect(generation=0) >= 0)
for g in [-2, 3, "x"]:
    try:
        gc.get_objects(g)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    gc.is_tracked()
except TypeError as e:
    print(e)
