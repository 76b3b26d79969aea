def worker():
    yield 1
    yield 2

w = worker()
next(w)
w.throw(KeyError("stop"))
