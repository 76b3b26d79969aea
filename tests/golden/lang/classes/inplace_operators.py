class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, other):
        self.items.append(other)
        return self
class P:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return P(self.v + o)
a = Acc()
b = a
a += 1
a += 2
print(a is b, a.items)
p = P(1)
q = p
p += 5
print(p is q, p.v, q.v)
