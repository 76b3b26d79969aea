a = 2 ** 100
print(a)
print(a + 1)
print(a - 2 ** 99)
print(a * a)
print(-a)
b = 123456789012345678901234567890
print(b * 987654321098765432109876543210)
print(b - b)
print(b + -b == 0)
