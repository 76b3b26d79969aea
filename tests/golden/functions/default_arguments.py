def greet(name, greeting="hello", punct="!"):
    return greeting + ", " + name + punct
print(greet("ann"))
print(greet("bob", "hi"))
print(greet("cy", "hey", "?"))
