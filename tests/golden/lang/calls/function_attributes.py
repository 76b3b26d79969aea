# Functions carry attributes: a __dict__ of their own, settable names and defaults.
def greet(name, punct="!"):
    "Say hello."
    return "hello " + name + punct


greet.calls = 0
greet.__qualname__ = "Greeter.greet"
print(greet.calls, greet.__dict__, greet.__qualname__, greet.__name__, greet.__doc__)
greet.__defaults__ = ("?",)
print(greet("bob"), greet.__defaults__)
try:
    greet.__name__ = 5
except TypeError as e:
    print(e)
try:
    greet.__defaults__ = [1]
except TypeError as e:
    print(e)
del greet.calls
try:
    del greet.calls
except AttributeError as e:
    print(e)


def counter():
    counter.n += 1
    return counter.n


counter.n = 0
counter()
counter()
print(counter.n, hasattr(counter, "n"), getattr(counter, "missing", "none"))
