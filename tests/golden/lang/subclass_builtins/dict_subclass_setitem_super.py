# A dict subclass overriding __setitem__ calls dict's through super().
class UpperKeys(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key.upper(), value)

    def __getitem__(self, key):
        return super().__getitem__(key.upper())


u = UpperKeys()
u["x"] = 1
u["Y"] = 2
print(u, u["x"], u["y"], len(u), sorted(u))
