# fib: naive doubly-recursive Fibonacci.
# Stresses: function calls (frame push/pop), small-int add/sub, compares.


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


N = 35
print(fib(N))
