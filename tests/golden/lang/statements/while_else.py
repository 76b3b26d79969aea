n = 0
while n < 3:
    n += 1
else:
    print("no break", n)
while True:
    break
else:
    print("never")
print("end")
