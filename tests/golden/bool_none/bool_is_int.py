t = True
one = 1
print(t == one)
print(isinstance(t, int))
print(isinstance(one, bool))
print(type(t) == type(one))
print(False == 0)
print(True == 2)
print(True < 2)
