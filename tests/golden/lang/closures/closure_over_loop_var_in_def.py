def make():
    fns = []
    for i in range(3):
        def f():
            return i
        fns.append(f)
    return fns
print([f() for f in make()])
