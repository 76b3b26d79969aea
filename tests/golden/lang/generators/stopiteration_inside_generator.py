def g():
    yield 1
    raise StopIteration("inner")
try:
    list(g())
except RuntimeError as e:
    print(e, repr(e.__cause__))
