def g():
    yield 1
it = g()
print(it.__name__, it.__qualname__, it.gi_running)
next(it)
print(list(it))
