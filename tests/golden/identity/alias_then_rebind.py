a = 1000
b = a
print(a is b)
a = a + 1
print(a is b)
print(a, b)
