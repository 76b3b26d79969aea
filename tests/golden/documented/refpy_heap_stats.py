# refpy-only introspection: CPython has no `refpy` module. refpy.heap() reports
# the allocator's live statistics (arenas, pools, blocks per size class), the
# numbers sys._debugmallocstats() prints. Expectations are written by hand.
import refpy
h = refpy.heap()
print(sorted(h))
print(h["arenas"] >= 1, h["pools"] >= 1, h["blocks"] > 0)
sizes = [row[0] for row in h["size_classes"]]
print(sizes == sorted(sizes), all(s % 16 == 0 and 16 <= s <= 512 for s in sizes))
keep = [[] for i in range(10000)]
h2 = refpy.heap()
print(h2["blocks"] - h["blocks"] >= 10000)
print(64 in [row[0] for row in h2["size_classes"]])
del keep
h3 = refpy.heap()
# 80 of the lists keep their block on the list free list.
print(h2["blocks"] - h3["blocks"] >= 9800)
