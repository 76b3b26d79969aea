# Tuples the compiler builds itself (a defaults tuple, a list display of three or
# more constants) are not in the parser's arena, but their items, the parser's
# objects, are. `x in [...]` and `x in (...)` fold to a tuple the AST optimizer
# made, which is; `x in {...}` folds to a frozenset that the compiler rebuilds, so
# its items have two references from the arena (the optimizer's frozenset too).
import sys
def rc(x):
    return sys.getrefcount(x) - 3
def f(p=8001.5, q=8002.5, *, k=8003.5):
    pass
print("defaults", rc(f.__defaults__), rc(f.__defaults__[0]), rc(f.__kwdefaults__["k"]))
items = [7001.5, 7002.5, 7003.5]
print("list display", rc(items[0]), rc(items[1]))
def tests():
    return 6000 in (6001.5, 6002.5), 6100 in [6101.5, 6102.5], 6200 in {6201.5, 6202.5}
def values():
    return (6001.5, 6101.5, 6201.5)
tests()
a, b, c = values()
print("in tuple", rc(a) - 1)
print("in list", rc(b) - 1)
print("in set", rc(c) - 1)
