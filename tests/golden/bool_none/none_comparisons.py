x = None
y = None
print(x is y)
print(x is None)
print(x is not None)
print(x == None)
print(x == 0)
print(x == False)
print(x != "")
print(not x)
