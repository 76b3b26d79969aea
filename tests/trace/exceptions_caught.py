# An exception raised two frames down and caught: 'exception' steps in each frame.
def check(n):
    if n < 0:
        raise ValueError("negative: " + str(n))
    return n


def safe(n):
    try:
        return check(n)
    except ValueError as e:
        print("caught", e)
        return 0


print(safe(3), safe(-1))
