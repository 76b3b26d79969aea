from sys import getsizeof
class A:
    def __sizeof__(self):
        return 100
class Neg:
    def __sizeof__(self):
        return -1
print(getsizeof(A()))
try:
    getsizeof(Neg())
except ValueError as e:
    print("ValueError:", e)
try:
    getsizeof(Neg(), 7)
except ValueError as e:
    print("default not used:", e)
