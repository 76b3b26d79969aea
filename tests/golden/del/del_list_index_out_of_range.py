a = [1]
del a[0]
print(a)
del a[0]
