# ... is the Ellipsis singleton.
x = ...
print(x, repr(x), x is Ellipsis, type(x).__name__, bool(...))


def todo():
    ...


print(todo())
print([1, ..., 3], {...: "dots"}[Ellipsis], NotImplemented)
