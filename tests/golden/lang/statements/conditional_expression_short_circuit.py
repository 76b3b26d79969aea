def t(x):
    print("t", x)
    return x
print(t(1) if t(0) else t(2))
print(t(0) or t(3) and t(0))
print(t([]) and t(1))
