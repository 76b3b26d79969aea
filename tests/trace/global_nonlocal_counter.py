# `global` rebinds a module variable from a function; `nonlocal` rebinds the enclosing function's.
total = 0


def add(n):
    global total
    total += n


def make_count():
    count = 0

    def bump():
        nonlocal count
        count += 1

    bump()
    bump()
    return count


add(5)
add(2)
print(total, make_count())
