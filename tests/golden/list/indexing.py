a = [10, 20, 30, 40]
print(a[0])
print(a[3])
print(a[-1])
print(a[-4])
a[1] = 25
a[-1] = 45
print(a)
