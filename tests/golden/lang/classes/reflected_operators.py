class V:
    def __init__(self, x):
        self.x = x
    def __add__(self, other):
        if isinstance(other, V):
            return V(self.x + other.x)
        return NotImplemented
    def __radd__(self, other):
        print("radd", other)
        return V(self.x + other)
    def __rsub__(self, other):
        return V(other - self.x)
    def __repr__(self):
        return f"V({self.x})"
print(V(1) + V(2))
print(10 + V(3))
print(sum([V(1), V(2)]))
print(10 - V(4))
