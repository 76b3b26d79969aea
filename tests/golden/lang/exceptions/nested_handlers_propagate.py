def inner():
    try:
        raise KeyError("k")
    except ValueError:
        print("not here")
    finally:
        print("inner finally")
def outer():
    try:
        inner()
    except LookupError as e:
        print("outer caught", repr(e))
outer()
