def inner():
    try:
        yield 1
        yield 2
    except ValueError:
        print("inner handled")
        yield 99
    finally:
        print("inner finally")
def outer():
    yield from inner()
    yield "outer"
g = outer()
print(next(g))
print(g.throw(ValueError))
g.close()
