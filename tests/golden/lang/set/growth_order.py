s = set()
for i in range(0, 200, 7):
    s.add(i * 31 % 97)
print(list(s))
for i in range(0, 200, 14):
    s.discard(i * 31 % 97)
print(list(s))
s.update(range(50, 60))
print(list(s))
