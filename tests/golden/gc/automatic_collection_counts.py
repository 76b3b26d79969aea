import gc
gc.collect()
start = [s["collections"] for s in gc.get_stats()]
keep = []
for i in range(100000):
    keep.append([])
end = [s["collections"] for s in gc.get_stats()]
print([e - s for s, e in zip(start, end)])
