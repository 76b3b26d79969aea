a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
x, y, z = [7, 8, 9]
print(x + y + z)
(p, q), r = (1, 2), 3
print(p, q, r)
c, d = "hi"
print(c, d)
