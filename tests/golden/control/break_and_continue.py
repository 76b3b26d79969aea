for i in range(10):
    if i == 2:
        continue
    if i == 6:
        break
    print(i)
n = 0
while True:
    n += 1
    if n % 2 == 0:
        continue
    if n > 7:
        break
    print("odd", n)
