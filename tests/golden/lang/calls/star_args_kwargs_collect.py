def f(a, *args, b=0, **kwargs):
    return a, args, b, kwargs
print(f(1))
print(f(1, 2, 3, b=4, c=5, d=6))
print(f(*[1, 2], **{"b": 3, "z": 4}))
