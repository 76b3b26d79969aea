g = (i for i in range(2))
print(list(g), list(g))
def f():
    yield from ()
print(list(f()))
it = iter(f())
print(it is iter(it))
