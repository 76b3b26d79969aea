# A comparison that raises stops the sort; the list keeps the partially sorted
# order reached so far, and the error propagates.
p = [1, 'a', 2]
try:
    p.sort()
except TypeError as e:
    print(e)
print(p)

q = [5, 4, 3, 'x', 1]
try:
    q.sort()
except TypeError as e:
    print(e)
print(q)

t = [3, 1, 2, 5, 4, 'x', 0]
try:
    t.sort()
except TypeError as e:
    print(e)
print(t)

big = [(i * 37) % 100 for i in range(100)]
big[80] = 'y'
try:
    big.sort()
except TypeError as e:
    print(e)
print(big)

r = [2, 3, 9, 1, None, 4]
try:
    r.sort(reverse=True)
except TypeError as e:
    print(e)
print(r)

s = [('b', 1), ('a', 2), ('a', 'z'), ('c', 0)]
try:
    s.sort(key=lambda t: t[::-1])
except TypeError as e:
    print(e)
print(s)

try:
    print(sorted([3, 2, {}, 1]))
except TypeError as e:
    print(e)
