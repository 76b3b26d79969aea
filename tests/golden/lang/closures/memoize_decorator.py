def memo(fn):
    cache = {}
    def w(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return w, cache
def slow_fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
fib, cache = memo(slow_fib)
print(fib(50), len(cache))
