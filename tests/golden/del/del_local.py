def f():
    x = 10
    del x
    return x
print("start")
f()
