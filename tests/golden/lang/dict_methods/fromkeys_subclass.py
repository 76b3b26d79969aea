# fromkeys called on a dict subclass builds an instance of that subclass.
class Tracking(dict):
    def __setitem__(self, key, value):
        print("set", key)
        super().__setitem__(key, value)


t = Tracking.fromkeys("ab", 0)
print(type(t).__name__, t, type(dict.fromkeys("a")).__name__)
