from sys import getsizeof
l = []
last = getsizeof(l)
print(0, last)
for i in range(2100):
    l.append(i)
    s = getsizeof(l)
    if s != last:
        print(len(l), s, (s - 56) // 8)
        last = s
