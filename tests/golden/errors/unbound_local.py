total = 1
def f():
    print("in f")
    total += 1
f()
