# `a, b = b, a` swaps the objects two names refer to; unpacking also takes starred and nested targets.
a = [1]
b = [2]
a, b = b, a
print(a, b)
first, *rest = (10, 20, 30)
print(first, rest)
x, (y, z) = 1, (2, 3)
print(x, y, z)
