print("mod_greet: loading")


def greet(name):
    return "hello, " + name
