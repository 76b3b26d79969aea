import gc
saved = []
class R:
    def __del__(self):
        print("__del__ runs")
        saved.append(self)
gc.collect()
r = R()
r.me = r
del r
print(gc.collect())
print(len(saved), gc.is_finalized(saved[0]))
saved.clear()
print(gc.collect())
print(len(saved))
