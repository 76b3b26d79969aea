from sys import getsizeof
d = {}
last = getsizeof(d)
print(0, last)
for i in range(200):
    d[i] = i
    s = getsizeof(d)
    if s != last:
        print(len(d), s)
        last = s
