import gc
gc.collect()
def outer():
    def inner():
        return inner
    return inner
g = outer()
del g
print(gc.collect())
