print("mod_raises: running")


def divide(a, b):
    return a / b


result = divide(1, 0)
