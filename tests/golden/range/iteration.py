for i in range(3):
    print(i)
for i in range(2, 5):
    print(i)
for i in range(10, 0, -3):
    print(i)
for i in range(0):
    print("never")
for i in range(5, 2):
    print("never")
print("done")
