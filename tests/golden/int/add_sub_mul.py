a = 17
b = 5
print(a + b)
print(a - b)
print(b - a)
print(a * b)
print(a * -b)
print(-a * -b)
print(0 - 0)
print(a + b * 2 - 3)
