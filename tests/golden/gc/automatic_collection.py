import gc
class D:
    count = 0
    def __del__(self):
        D.count += 1
gc.collect()
for i in range(2000):
    d = D()
    d.me = d
del d
print(D.count > 0)
gc.collect()
print(D.count)
