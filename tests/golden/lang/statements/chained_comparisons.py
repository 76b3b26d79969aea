def v(x):
    print("eval", x)
    return x
print(1 < v(2) < 3)
print(3 < v(2) < v(10))
x = 5
print(0 <= x < 10 == 10, 1 < 2 > 1)
