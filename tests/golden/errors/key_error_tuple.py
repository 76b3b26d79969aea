d = {(1, 2): "pair"}
print(d[(1, 2)])
print(d[(2, 1)])
