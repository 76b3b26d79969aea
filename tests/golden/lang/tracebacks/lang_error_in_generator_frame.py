def gen(items):
    for x in items:
        yield 10 / x

for v in gen([1, 0]):
    print(v)
