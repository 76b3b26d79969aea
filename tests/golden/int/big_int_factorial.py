n = 1
i = 1
while i <= 40:
    n *= i
    i += 1
print(n)
print(n // 10 ** 40)
print(n % 1000003)
