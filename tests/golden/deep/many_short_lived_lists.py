keep = 0
for i in range(1000000):
    pair = [i, i + 1]
    keep += pair[1] - pair[0]
print(keep)
