def f(a, b, c=3):
    print(a, b, c)
f(1, 2)
f(1, b=20)
f(c=30, b=20, a=10)
f(1, c=300, b=200)
