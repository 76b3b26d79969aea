# globals() is the module's namespace: assigning through it makes a variable.
counter = 1
globals()["made_here"] = "yes"
print(made_here, globals()["counter"], locals() is globals())


def bump():
    globals()["counter"] += 1


bump()
bump()
print(counter)
