def f(*args, **kwargs):
    return args, kwargs
print(f(*[1, 2], 3, *(4,), x=1, **{"y": 2}, z=3))
print(f(*"ab", *range(2)))
print(f(**dict(a=1), **{"b": 2}))
