x = 5000
print(+x is x)
print(int(x) is x)
print(x * 1 is x)
print(x + 0 is x)
