items = [3, 2, 1, 0, 5]
i = 0
while (n := items[i]) != 0:
    print(n)
    i += 1
print("stopped at", n)
if (m := len(items)) > 3:
    print("long", m)
