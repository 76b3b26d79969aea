def outer():
    def inner():
        pass
    return inner
print(outer().__qualname__, outer().__name__)
print((lambda: 0).__name__)
def documented():
    """Does things."""
print(documented.__doc__)
