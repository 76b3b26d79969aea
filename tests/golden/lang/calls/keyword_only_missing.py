def f(*, k):
    pass
def g(a, *, k, m):
    pass
try:
    f()
except TypeError as e:
    print(e)
try:
    g(1)
except TypeError as e:
    print(e)
try:
    g(1, k=2)
except TypeError as e:
    print(e)
