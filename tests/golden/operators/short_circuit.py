def t(name):
    print("t", name)
    return True
def f(name):
    print("f", name)
    return False
print(f(1) and t(2))
print(t(3) or f(4))
print(t(5) and f(6) and t(7))
print(f(8) or f(9) or t(10))
print(not t(11))
