print(list(map(str, [1, 2, 3])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(abs, [])))
m = map(len, ['a', 'bb'])
print(next(m), next(m), next(m, None))
try:
    map(len)
except TypeError as e:
    print(e)
