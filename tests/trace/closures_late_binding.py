# Lambdas made in a loop share one cell and all see its last value; a default argument binds each value.
def make_late():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return fs


def make_bound():
    return [lambda i=i: i for i in range(3)]


print([f() for f in make_late()])
print([f() for f in make_bound()])
