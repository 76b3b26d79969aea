length = 3
print(length)
print(lenght)
