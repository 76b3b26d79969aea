import gc
class D:
    def __del__(self):
        pass
x = D()
print(gc.is_finalized(x), gc.is_finalized(1), gc.is_finalized([]))
