def a():
    x = 1
    def b():
        y = 2
        def c():
            nonlocal x
            x += y
            return x
        return c
    return b()
f = a()
print(f(), f())
