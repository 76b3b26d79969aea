a = [0, 1, 2, 3, 4, 5, 6, 7]
print(a[2:5])
print(a[:3])
print(a[5:])
print(a[-2:])
print(a[::2])
print(a[::-1])
print(a[6:1:-2])
print(a[5:2])
print(a[3:100])
b = a[:]
b[0] = 99
print(a[0], b[0])
