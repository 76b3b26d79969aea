# A while loop: each iteration rebinds total and i to other int objects.
i = 0
total = 0
while i < 5:
    total += i
    i += 1
print(total, i)
