def g(n):
    for i in range(n):
        if i == 2:
            return
        yield i
print(list(g(5)))
def early():
    return
    yield
print(list(early()))
