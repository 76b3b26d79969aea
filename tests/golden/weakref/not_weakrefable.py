import weakref
class K:
    pass
for v in [1, "s", (1,), [1], {}, 1.5, None, object(), weakref.ref(K())]:
    try:
        weakref.ref(v)
        print("ok", type(v).__name__)
    except TypeError as e:
        print(e)
for v in [K(), {1}, frozenset(), len, lambda: 0, (x for x in ())]:
    print(weakref.ref(v)() is v)
try:
    weakref.proxy(1)
except TypeError as e:
    print(e)
try:
    weakref.getweakrefcount(1)
    print(weakref.getweakrefcount(1))
except TypeError as e:
    print(e)
