# A dict is tracked by the collector only once it holds something that may
# be tracked: a container (even an untracked dict) or a tracked tuple.
import gc
x = 1
print(gc.is_tracked({}))
print(gc.is_tracked({"a": 1, "b": "s", "c": 1.5, "d": None}))
print(gc.is_tracked({"a": []}))
print(gc.is_tracked({"a": {}}))
print(gc.is_tracked({1: set()}))
print(gc.is_tracked({"t": (x, [])}))
print(gc.is_tracked({i: i * 2 for i in range(5)}))
print(gc.is_tracked({i: [i] for i in range(5)}))
print(gc.is_tracked({**{"a": 1}}))
