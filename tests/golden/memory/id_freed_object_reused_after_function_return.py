class C:
    pass
def make():
    c = C()
    return id(c)
a = make()
b = make()
print(a == b)
