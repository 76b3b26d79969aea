from sys import getsizeof
class E:
    pass
e = E()
print(getsizeof(e))
e.a = 1
e.b = 2
print(getsizeof(e))
