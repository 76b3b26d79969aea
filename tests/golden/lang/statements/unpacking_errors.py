def attempt(f):
    try:
        f()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
def two(v):
    a, b = v
def star(v):
    a, *b, c = v
def one(v):
    a, = v
attempt(lambda: two([1]))
attempt(lambda: two([1, 2, 3]))
attempt(lambda: star([1]))
attempt(lambda: two(5))
attempt(lambda: one([]))
attempt(lambda: two(x for x in "abc"))
