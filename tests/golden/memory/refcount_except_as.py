import sys
def f():
    try:
        raise ValueError("v")
    except ValueError as e:
        keep = e
        print(sys.getrefcount(keep))
    print(sys.getrefcount(keep))
    try:
        e
    except NameError as n:
        print("NameError", n)
f()
