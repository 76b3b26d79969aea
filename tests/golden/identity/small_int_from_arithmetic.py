a = 200
b = 56
c = 256
print(a + b is c)
print((a + b) is (a + b))
