class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
import gc
gc.disable()
items = [D(i) for i in range(4)]
for i in range(4):
    items[i].next = items[(i + 1) % 4]
del items
print(gc.collect())
