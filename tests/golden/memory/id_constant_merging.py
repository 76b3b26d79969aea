c = 257
d = 257
print(c is d)
fa = 1.5
fb = 1.5
print(fa is fb)
t1 = (1, 2)
t2 = (1, 2)
print(t1 is t2)
def f():
    return 257
print(f() is c)
