def f():
    try:
        int("x")
    except ValueError:
        print("logging")
        raise
try:
    f()
except ValueError as e:
    print("caught", e)
try:
    raise
except RuntimeError as e:
    print(e)
