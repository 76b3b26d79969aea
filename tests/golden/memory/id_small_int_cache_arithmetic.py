x = 200
y = 56
c256 = 256
print((x + y) is c256)
print((x + y + 1) is (x + y + 1))
z = -3
m5 = -5
print((z - 2) is m5)
