data = [1, 5, 2, 8]
big = [y for x in data if (y := x * 10) > 20]
print(big, y)
total = 0
sums = [total := total + x for x in data]
print(sums, total)
