def f(x):
    return 10 // x
try:
    [f(x) for x in [2, 1, 0]]
except ZeroDivisionError as e:
    print(type(e).__name__, e)
