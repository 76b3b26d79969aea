print("mod_fails: running")
ready = True


def check(n):
    if n > 1:
        raise ValueError("bad value " + str(n))


check(2)
