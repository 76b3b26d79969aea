d = {}
d[(1,)] = "ok"
print(d)
d[[1]] = "bad"
