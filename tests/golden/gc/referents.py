import gc
print(gc.get_referents([1, 'a', (2, 3)]))
print(gc.get_referents(1))
print(gc.get_referents((1, 2), [3]))
print(gc.get_referents({'a': 1, 'b': [2]}))
print(gc.get_referents())
print(gc.get_referrers())
x = [1]
holder = [x]
other = {"k": x}
r = gc.get_referrers(x)
print(len(r), any(o is holder for o in r), any(o is other for o in r))
