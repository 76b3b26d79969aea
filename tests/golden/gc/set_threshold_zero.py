import gc
class D:
    count = 0
    def __del__(self):
        D.count += 1
gc.collect()
gc.set_threshold(0)
for i in range(2000):
    d = D()
    d.me = d
del d
print(D.count)
print(gc.collect())
print(D.count)
gc.set_threshold(700)
