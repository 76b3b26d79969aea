a = None
b = None
print(a is b)
t1 = 1 < 2
t2 = 3 > 2
print(t1 is t2)
f1 = not t1
print(f1 is (1 > 2))
