from sys import getsizeof
s = set()
last = getsizeof(s)
print(0, last)
for i in range(400):
    s.add(i)
    n = getsizeof(s)
    if n != last:
        print(len(s), n)
        last = n
