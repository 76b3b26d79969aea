a = -2
b = -3
print((a + b) is (a + b))
print((a + b - 1) is (a + b - 1))
print(a + b, a + b - 1)
