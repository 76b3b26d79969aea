a = 200
b = 56
print((a + b + 1) is (a + b + 1))
print((a + b + 1) == (a + b + 1))
