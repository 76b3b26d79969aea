a = b = c = []
a.append(1)
print(b, c is a)
x, y = y, x = 1, 2
print(x, y)
l = [0, 0]
i = 0
i, l[i] = 1, 9
print(i, l)
