# locals() in a function is a snapshot of its variables, cells included.
def f(a, b=2):
    c = a + b

    def inner():
        return c

    snapshot = locals()
    snapshot["c"] = 100
    return sorted(snapshot), c


print(f(1))


def g():
    print(locals())
    x = 1
    print(locals())


g()
