a = "hel" + "lo"
b = "hello"
print(a is b)
c = "a" * 20
d = "a" * 20
print(c is d)
