def f():
    return 257
def g():
    return 257
print(f() is g())
def h():
    return "hello world!"
def k():
    return "hello world!"
print(h() is k())
