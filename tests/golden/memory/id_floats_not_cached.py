print(float('1.5') is float('1.5'))
x = 0.5
print((x + x) is (x + x))
z = 0.0
mz = -0.0
print(z is mz)
