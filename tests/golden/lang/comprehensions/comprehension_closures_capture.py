def make(n):
    return [lambda x, i=i: x + i + n for i in range(3)]
print([f(10) for f in make(100)])
fs = [lambda: k for k in "ab"]
print([f() for f in fs])
