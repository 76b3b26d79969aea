# One script is one compilation unit: equal constants are one object.
x = 300
y = 300
print(x is y)
c = 10 ** 6
d = 10 ** 6
print(c is d)
