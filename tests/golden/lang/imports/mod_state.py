items = []
total = 0


def add(x):
    items.append(x)


def report():
    return str(items) + " total=" + str(total)
