total = 0
for i in range(1, 101):
    total += i
print(total)
print(sum(range(10)))
print(max(range(7)), min(range(3, 9)))
