for i in range(1, 4):
    for j in range(1, 4):
        if j == i:
            continue
        if j > 2 and i == 1:
            break
        print(i, j)
found = None
for a in range(1, 20):
    for b in range(a, 20):
        if a * b == 42 and a + b == 13:
            found = (a, b)
            break
    if found:
        break
print(found)
