def f(x):
    print('called', x)
    return x * 2
m = map(f, [1, 2, 3])
print('created')
print(next(m))
print(list(m))
