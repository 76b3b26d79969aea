from sys import getsizeof
def f():
    pass
class C:
    def m(self):
        pass
print(getsizeof(f))
print(getsizeof(lambda: 0))
print(getsizeof(C().m))
