a = [1, 2]
b = [3]
c = a + b
print(c)
print(len(a), len(b), len(c))
print(a)
print([] + [])
print(len([]))
print(a + a + b)
