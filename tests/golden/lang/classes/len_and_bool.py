class Box:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
class Flag:
    def __bool__(self):
        print("bool called")
        return False
print(len(Box(3)), bool(Box(0)), bool(Box(2)))
if not Flag():
    print("falsy")
class Empty: pass
print(bool(Empty()))
try:
    len(Box(-1))
except ValueError as e:
    print(e)
try:
    len(Empty())
except TypeError as e:
    print(e)
