x = [1, 2]
del x
x = "again"
print(x)
