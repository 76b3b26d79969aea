z = -0.0
print(z)
print(0.0 * -1)
print(repr(-0.0))
print(z == 0.0)
print(-0.0 + 0.0)
print(abs(z))
print(str(z))
