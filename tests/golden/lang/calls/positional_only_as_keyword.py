def f(a, b, /, c):
    return (a, b, c)
try:
    f(a=1, b=2, c=3)
except TypeError as e:
    print(e)
try:
    f(1, b=2, c=3)
except TypeError as e:
    print(e)
print(f(1, 2, c=3))
def g(a, /, **kw):
    return a, kw
print(g(1, a=2))
