class Evens:
    def __contains__(self, x):
        return x % 2 == 0
class It:
    def __iter__(self):
        return iter([1, 2, 3])
print(4 in Evens(), 3 in Evens(), 3 not in Evens())
print(2 in It(), 7 in It())
class Nope: pass
try:
    1 in Nope()
except TypeError as e:
    print(e)
