n = 55
a = str(n)
b = str(n)
print(a == b)
print(a is b)
