def g():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("handled", e)
            yield "recovered"
it = g()
print(next(it))
print(it.throw(ValueError("oops")))
print(next(it))
try:
    it.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))
print(next(it, "exhausted"))
