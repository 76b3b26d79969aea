def repeat(n):
    def deco(fn):
        def wrapper(*args, **kwargs):
            return [fn(*args, **kwargs) for _ in range(n)]
        return wrapper
    return deco
@repeat(3)
def greet(name, punct="!"):
    return "hi " + name + punct
print(greet("bob"), greet("al", punct="?"))
print(greet.__name__)
