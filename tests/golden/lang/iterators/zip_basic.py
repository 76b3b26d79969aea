print(list(zip()), list(zip([1, 2, 3])), list(zip('ab', [1, 2, 3], (True, False))))
a, b = zip(*[(1, 'x'), (2, 'y')])
print(a, b)
print(dict(zip(['k1', 'k2'], [10, 20])))
