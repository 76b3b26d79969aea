def inner(x):
    return x[5]


def outer(items):
    return inner(items) + 1


print("calling")
outer([1, 2, 3])
