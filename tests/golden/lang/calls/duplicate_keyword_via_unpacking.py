def f(**kw):
    pass
try:
    f(a=1, **{'a': 2})
except TypeError as e:
    print(e)
try:
    f(**{'a': 1}, **{'a': 2})
except TypeError as e:
    print(e)
