one = 1
two = one + one
print(id(two) - id(one) == 32)
x = []
print(id(x) % 16 == 0)
