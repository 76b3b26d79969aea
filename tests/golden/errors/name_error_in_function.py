def f():
    return missing_thing + 1
print("calling")
f()
