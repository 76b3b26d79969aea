d = {1: 'a'}
ks = d.keys()
d[2] = 'b'
del d[1]
print(ks, list(ks), len(ks))
print(list(zip(d.keys(), d.values())), dict(d.items()))
