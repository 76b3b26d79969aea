from sys import getsizeof
l = list(range(100))
print(getsizeof(l))
while l:
    before = getsizeof(l)
    l.pop()
    if getsizeof(l) != before:
        print(len(l), getsizeof(l))
l.append(1)
print(getsizeof(l))
l.clear()
print(getsizeof(l))
