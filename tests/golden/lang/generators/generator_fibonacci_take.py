def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
def take(n, it):
    for _, x in zip(range(n), it):
        yield x
print(list(take(10, fib())))
