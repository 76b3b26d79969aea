d = {}
d["zebra"] = 1
d["apple"] = 2
d["mango"] = 3
d[10] = 4
d[-5] = 5
print(d)
for k in d:
    print(k, d[k])
