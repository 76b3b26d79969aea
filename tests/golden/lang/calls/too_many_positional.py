def f(a, b):
    pass
def g(a, b=1):
    pass
def h():
    pass
def one(a):
    pass
try:
    f(1, 2, 3)
except TypeError as e:
    print(e)
try:
    g(1, 2, 3, 4)
except TypeError as e:
    print(e)
try:
    h(1)
except TypeError as e:
    print(e)
try:
    one(1, 2)
except TypeError as e:
    print(e)
