node = None
for i in range(1000000):
    node = (i, node)
total = 0
count = 0
walk = node
while walk is not None:
    total += walk[0]
    count += 1
    walk = walk[1]
print(count, total)
del node
print("freed")
