def f(a):
    pass
try:
    f(1, b=2)
except TypeError as e:
    print(e)
try:
    f(a=1, zz=2)
except TypeError as e:
    print(e)
try:
    print(1, bad=2)
except TypeError as e:
    print(e)
