n = 0
while n < 5:
    print(n)
    n += 1
print("after", n)
while n:
    n -= 2
    if n < 0:
        n = 0
print(n)
