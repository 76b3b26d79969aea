a = [1, 2, 3]
a[0] += 10
a[-1] *= 5
print(a)
d = {"n": 1}
d["n"] += 1
print(d)
g = [[1], [2]]
g[1] += [3]
print(g)
