d = {}
i = 0
while i < 1000:
    d[i * 7] = i
    i += 1
print(len(d))
print(d[6993])
print(d[0], d[7])
total = 0
for k in d:
    total += d[k]
print(total)
i = 0
while i < 1000:
    if i % 3 != 0:
        del d[i * 7]
    i += 1
print(len(d))
count = 0
for k in d:
    if count < 5:
        print(k)
    count += 1
