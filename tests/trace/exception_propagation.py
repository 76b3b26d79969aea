# A user-defined exception raised two calls deep leaves both frames and is caught at module level.
class TooBig(Exception):
    pass


def check(n):
    if n > 10:
        raise TooBig("n=" + str(n))
    return n


def double(n):
    return check(n) * 2


try:
    double(50)
except TooBig as e:
    print("caught", e)
print(double(3))
