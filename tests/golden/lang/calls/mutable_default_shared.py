def append(x, to=[]):
    to.append(x)
    return to
print(append(1), append(2))
print(append.__defaults__)
def kw(*, k=5):
    return k
print(kw.__kwdefaults__)
