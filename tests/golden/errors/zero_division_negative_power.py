print("powering")
x = 0
print(x ** -1)
