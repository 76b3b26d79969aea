print(())
print((1,))
print((1, 2, 3))
t = 4, 5
print(t)
print(("a",))
print(((1, 2), (3,), ()))
print((1, [2, 3], None))
