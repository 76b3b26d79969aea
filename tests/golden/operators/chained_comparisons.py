print(1 < 2 < 3)
print(1 < 3 < 2)
print(3 > 2 > 1 > 0)
print(1 == 1 == 1)
print(1 == 1 != 2)
print(1 < 2 > 0)
x = 5
print(0 <= x < 10)
print(0 <= x < 5)
