def f(a, *, k):
    pass
def g(a, b=1, *, k=2):
    pass
try:
    f(1, 2)
except TypeError as e:
    print(e)
try:
    f(1, 2, k=3)
except TypeError as e:
    print(e)
try:
    g(1, 2, 3, k=4)
except TypeError as e:
    print(e)
