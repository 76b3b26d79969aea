print(list(enumerate('abc')), list(enumerate(['x', 'y'], 10)), list(enumerate([], start=5)))
for i, c in enumerate('hi', start=-1):
    print(i, c)
e = enumerate([1, 2])
print(next(e), next(e), next(e, 'done'), iter(e) is e)
