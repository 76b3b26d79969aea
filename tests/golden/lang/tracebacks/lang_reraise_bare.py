def f():
    try:
        [].pop()
    except IndexError:
        print("logging")
        raise

f()
