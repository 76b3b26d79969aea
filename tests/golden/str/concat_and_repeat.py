a = "foo"
b = "bar"
print(a + b)
print(a + "" + b)
print(a * 3)
print(3 * a)
print(a * 0)
print(a * -2)
print("-" * 10)
print((a + b) * 2)
