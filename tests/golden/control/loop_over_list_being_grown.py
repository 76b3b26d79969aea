items = [1, 2, 3]
for x in items:
    if x < 6:
        items.append(x + 3)
print(items)
