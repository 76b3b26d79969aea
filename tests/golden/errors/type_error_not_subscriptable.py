x = 5
print("x is", x)
print(x[0])
