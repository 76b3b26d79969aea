import gc
def f():
    pass
class C:
    pass
values = [
    ("int", 1), ("float", 1.5), ("str", "abc"), ("None", None), ("bool", True),
    ("list", []), ("set", set()), ("frozenset", frozenset()),
    ("instance", C()), ("function", f), ("range", range(3)),
    ("list_iter", iter([])), ("tuple_of_ints", tuple([1, 2])),
    ("tuple_with_list", tuple([[]])),
]
for name, v in values:
    print(name, gc.is_tracked(v))
t = tuple([1, 2])
print(gc.is_tracked(t))
gc.collect()
print(gc.is_tracked(t))
t2 = tuple([[], 1])
gc.collect()
print(gc.is_tracked(t2))
