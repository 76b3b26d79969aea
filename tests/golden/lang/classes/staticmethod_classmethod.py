class C:
    count = 0
    @staticmethod
    def add(a, b):
        return a + b
    @classmethod
    def make(cls):
        cls.count += 1
        return cls()
class D(C):
    pass
print(C.add(1, 2), C().add(3, 4))
d = D.make()
print(type(d).__name__, D.count, C.count)
