def noisy(n):
    for i in range(n):
        print("produce", i)
        yield i
ge = (x * x for x in noisy(3) if x != 1)
print("created")
print(next(ge))
print(list(ge))
print(sum(x for x in range(5)))
print(type(ge).__name__, ge.__name__)
