l = [1, 2, 1, [1]]
print(l.count(1), l.count([1]), l.count(9))
c = l.copy()
c.reverse()
print(c, l, c is l)
l.clear()
print(l, len(c))
try:
    l.copy(1)
except TypeError as e:
    print(e)
